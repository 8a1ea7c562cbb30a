namespace Phone.SipCore.Lines.Diagnosis;

/// <summary>
/// The vocabulary of a diagnosis: step names, detail codes and verdict codes. Each has a sentence
/// in Phone.Web/Resources/DiagnosisText.resx (<c>Step.*</c>, <c>Detail.*</c>, <c>Verdict.*</c>), and a
/// test fails when one is missing.
/// </summary>
public static class DiagnosisCodes
{
    public static class Steps
    {
        public const string Registration = "registration";
        public const string Subscription = "subscription";
        public const string FullState = "fullState";
        public const string Assigned = "assigned";
        public const string RoundTrip = "roundTrip";
        public const string FeatureCodes = "featureCodes";
        public const string TestCall = "testCall";
        public const string UaCsta = "uaCsta";
        public const string FeatureSync = "featureSync";
    }

    public static class Details
    {
        public const string Registered = "registered";
        public const string NotConfigured = "notConfigured";
        public const string AuthRejected = "authRejected";
        public const string Forbidden = "forbidden";
        public const string IntervalTooBrief = "intervalTooBrief";
        public const string Refused = "refused";
        public const string Unreachable = "unreachable";
        public const string Supported = "supported";
        public const string ActiveNoState = "activeNoState";
        public const string NoState = "noState";
        public const string BadEvent = "badEvent";
        public const string NotProvisioned = "notProvisioned";
        public const string Terminated = "terminated";
        public const string Failed = "failed";
        public const string Multipart = "multipart";
        public const string OneDocument = "oneDocument";
        public const string PerFeature = "perFeature";
        public const string Empty = "empty";
        public const string AllAssigned = "allAssigned";
        public const string NotAssigned = "notAssigned";
        public const string Confirmed = "confirmed";
        public const string ConfirmedAfterOldValue = "confirmedAfterOldValue";
        public const string RefusedByServer = "refusedByServer";
        public const string NoConfirmation = "noConfirmation";
        public const string CodesComplete = "codesComplete";
        public const string CodesMissing = "codesMissing";
        public const string CallAnswered = "callAnswered";
        public const string CallFailed = "callFailed";
        public const string CallNotAnswered = "callNotAnswered";
        public const string SessionOpen = "sessionOpen";
        public const string NoSession = "noSession";
        public const string Off = "off";
    }

    public static class Verdicts
    {
        public const string Works = "works";
        public const string WorksUntested = "worksUntested";
        public const string WorksNoState = "worksNoState";
        public const string CodesOnly = "codesOnly";
        public const string CodesMissing = "codesMissing";
        public const string CodeFailed = "codeFailed";
        public const string CodeNotAnswered = "codeNotAnswered";
        public const string SyncOff = "syncOff";
        public const string NotConfigured = "notConfigured";
        public const string WrongCredentials = "wrongCredentials";
        public const string RegistrationForbidden = "registrationForbidden";
        public const string RegistrationRefused = "registrationRefused";
        public const string Unreachable = "unreachable";
        public const string NotOffered = "notOffered";
        public const string NotProvisioned = "notProvisioned";
        public const string SubscriptionFailed = "subscriptionFailed";
        public const string SubscribedNoState = "subscribedNoState";
        public const string ChangeRefused = "changeRefused";
        public const string NoConfirmation = "noConfirmation";
        public const string NoCstaSession = "noCstaSession";
    }
}
