namespace Phone.SipCore.SyncLog;

/// <summary>
/// What a sync log event says. Each code has one text per language in Phone.Web's SyncLogText
/// resource (key <c>SyncLog.&lt;Code&gt;</c>, a test checks every code); {0}, {1}... are the
/// event's non-detail arguments in order, and <see cref="SyncLogArgKind.Detail"/> arguments follow
/// the sentence. Stored by name: rename a code only with a migration.
/// </summary>
public enum SyncLogCode
{
    // Registration (RFC 3261 10): one per RegistrationState; the registrar's answer as detail.
    RegistrationDisabled,
    RegistrationIdle,
    RegistrationRegistering,
    RegistrationRegistered,
    RegistrationFailed,
    RegistrationUnregistered,

    // The as-feature-event subscription (RFC 6665): one per SubscriptionStatus; the server's answer as detail.
    SubscriptionNotUsed,
    SubscriptionSubscribing,
    SubscriptionWaitingForState,
    SubscriptionActive,
    SubscriptionUnsupported,
    SubscriptionTerminated,
    SubscriptionFailed,

    // A feature change. {0} feature, {1} value, then as listed.

    /// <summary>The phone executes it itself (sync off or the server does not handle it).</summary>
    FeatureAppliedLocally,

    /// <summary>{2} who asked (origin): waiting for the change in flight or the subscription's state.</summary>
    FeatureQueued,

    /// <summary>{2} who asked (origin): the Set request went out on the subscription.</summary>
    FeatureSetSent,

    FeatureConfirmed,

    /// <summary>The server reported {1} of its own accord.</summary>
    FeatureReported,

    /// <summary>The server reports {1} while {2} (a value) waits for confirmation.</summary>
    FeatureServerDiffers,

    /// <summary>The change ended {2} (a standing: rejected, not confirmed, failed); why as detail.</summary>
    FeatureNotDone,

    /// <summary>{2} the dial string.</summary>
    FeatureCodeDialling,

    /// <summary>The PBX answered the feature code call; the request URI and outcome as detail.</summary>
    FeatureCodeSent,

    FeatureCodeFailed,

    /// <summary>The subscription is refused, so the feature code goes instead (docs/protocol.md 3).</summary>
    FeatureCodeInsteadOfSubscription,

    /// <summary>No way to send it: {2} the PBX profile, {3} the event package.</summary>
    FeatureNoSyncPath,

    // NOTIFY bodies (docs/protocol.md 5).
    NotifyPartIgnored,
    NotifyEmpty,

    /// <summary>{0} the document's element name.</summary>
    NotifyDocumentIgnored,

    // The trust policy (docs/protocol.md 8.3). {0} what was asked, {1} from where.
    RequestRefused,

    /// <summary>{0} how many more were refused in the last minute.</summary>
    RequestsRefusedMore,

    /// <summary>{0} from where: the line's server asked for a configuration fetch.</summary>
    CheckSync,

    /// <summary>{0} from where: as <see cref="CheckSync"/>, with reboot=true (never honoured).</summary>
    CheckSyncReboot,

    // uaCSTA (docs/protocol.md 4).
    CstaRefusedTooMany,

    /// <summary>{0} the server's URI.</summary>
    CstaOpened,

    CstaClosedByServer,
    CstaNotAcknowledged,

    /// <summary>{0} the cross-reference id.</summary>
    CstaMonitorStarted,

    CstaReadDnd,
    CstaReadForwarding,

    /// <summary>{0} feature, {1} value: the server set it.</summary>
    CstaSet,

    /// <summary>{0} feature: forwarding on without a destination.</summary>
    CstaRefusedNoDestination,

    /// <summary>{0} the request's element name.</summary>
    CstaUnsupported,

    /// <summary>Why as detail.</summary>
    CstaMalformed,

    CstaNotUnderstood,

    // Calls the phone executes itself. {0} the caller; then as listed.
    CallBusyDnd,
    CallBusyAnotherRinging,
    CallBusyTooMany,

    /// <summary>{1} where to.</summary>
    CallForwardedAlways,

    /// <summary>{1} where to.</summary>
    CallForwardedBusy,

    CallRinging,

    /// <summary>{1} where to if not answered, {2} after how many seconds.</summary>
    CallRingingThenForward,

    CallCancelled,

    /// <summary>{1} minutes.</summary>
    CallNotAnswered,

    /// <summary>{1} where to.</summary>
    CallForwardedNoAnswer,
}
