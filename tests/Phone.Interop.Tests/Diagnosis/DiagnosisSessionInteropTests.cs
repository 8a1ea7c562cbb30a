using System.Globalization;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Lines.Diagnosis;
using D = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Details;
using S = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Steps;
using V = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Verdicts;

namespace Phone.Interop.Tests.Diagnosis;

/// <summary>
/// The server-opened paths (issue 16): whether a 3CX opened its uaCSTA session, and a FortiVoice
/// line whose DND travels by its subscription while the forwards need codes.
/// </summary>
public sealed class DiagnosisSessionInteropTests
{
    private static readonly PbxProfile ThreeCx = PbxPresets.Find("3CX")!;

    private static PbxProfile ThreeCxWithForwardCodes() => ThreeCx with
    {
        ForwardAlwaysOnCode = "*41", ForwardAlwaysOffCode = "*041",
        ForwardBusyOnCode = "*42", ForwardBusyOffCode = "*042",
        ForwardNoAnswerOnCode = "*43", ForwardNoAnswerOffCode = "*043",
    };

    private static async Task WaitUntilAsync(Func<bool> condition, string what, SippProcess sipp)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            try
            {
                await Task.Delay(50, bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"never saw: {what}\n{sipp.Describe()}");
            }
        }
    }

    [Fact]
    public async Task A_3cx_that_opened_its_uacsta_session_is_found_with_the_sessions_call_id_even_when_forward_codes_are_missing()
    {
        await using var registrar = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(registrar.Port, ThreeCx);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");
        await using var server = SippProcess.Start("uacsta-open-session.xml", timeout: TimeSpan.FromSeconds(90),
            extraArgs: ["-s", "2001", $"127.0.0.1:{line.PhonePort.ToString(CultureInfo.InvariantCulture)}"]);
        await WaitUntilAsync(() => server.MessageLog().Contains("MonitorStartResponse", StringComparison.Ordinal), "the MonitorStart answered", server);

        var diagnosis = await line.Agent.DiagnoseAsync(new DiagnosisRequest());
        var english = EnglishDiagnosis.Render(diagnosis);

        // The preset has DND codes only: the first failure is the missing forward codes...
        Assert.Equal(V.CodesMissing, diagnosis.Verdict);
        Assert.Equal("Profile 3CX lacks feature codes: ForwardAlways on, ForwardAlways off, ForwardBusy on, ForwardBusy off, " +
            "ForwardNoAnswer on, ForwardNoAnswer off", english.Verdict);
        // ...and the uaCSTA step still says the server opened its session, naming it.
        var csta = diagnosis.Steps.Single(s => s.Name == S.UaCsta);
        Assert.Equal((true, D.SessionOpen), (csta.Ok, csta.Detail));
        Assert.Equal("The server has opened 1 uaCSTA session(s).", EnglishDiagnosis.StepOf(english, S.UaCsta).Detail);
        Assert.Contains($"Call-ID: {Assert.Single(csta.Evidence)}", server.MessageLog());
    }

    [Fact]
    public async Task A_3cx_that_never_opened_a_uacsta_session_is_named_with_the_user()
    {
        await using var registrar = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(registrar.Port, ThreeCxWithForwardCodes());
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");

        var diagnosis = await line.Agent.DiagnoseAsync(new DiagnosisRequest());
        var english = EnglishDiagnosis.Render(diagnosis);

        Assert.False(diagnosis.Ok);
        Assert.Equal(V.NoCstaSession, diagnosis.Verdict);
        Assert.Equal("The server has not opened a uaCSTA session with 2001", english.Verdict);
        Assert.True(diagnosis.Steps.Single(s => s.Name == S.FeatureCodes).Ok);
        var csta = EnglishDiagnosis.StepOf(english, S.UaCsta);
        Assert.Equal((false, D.NoSession, "The server has not opened a uaCSTA session."), (csta.Ok, csta.DetailCode, csta.Detail));
        Assert.Empty(csta.Messages);
    }

    [Fact]
    public async Task A_fortivoice_line_reports_its_subscription_and_lists_only_the_forward_codes_as_missing()
    {
        await using var sipp = SippProcess.Start("fortivoice-line.xml", calls: 2);
        var profile = PbxPresets.Find("FortiVoice")! with { EventPackage = "forti-dnd" };
        await using var line = new LineHarness(sipp.Port, profile);
        line.Start();
        await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Standing == FeatureStanding.Confirmed,
            "subscription active with the server's DND");

        var diagnosis = await line.Agent.DiagnoseAsync(new DiagnosisRequest());
        var english = EnglishDiagnosis.Render(diagnosis);

        var subscription = diagnosis.Steps.Single(s => s.Name == S.Subscription);
        Assert.Equal((true, D.Supported), (subscription.Ok, subscription.Detail));
        Assert.Contains($"Call-ID: {Assert.Single(subscription.Evidence)}", sipp.MessageLog());
        // DND goes by the subscription: only the forwards' codes are missing.
        Assert.Equal(V.CodesMissing, diagnosis.Verdict);
        Assert.Equal("Profile FortiVoice lacks feature codes: ForwardAlways on, ForwardAlways off, ForwardBusy on, ForwardBusy off, " +
            "ForwardNoAnswer on, ForwardNoAnswer off", english.Verdict);
        Assert.DoesNotContain("Dnd", EnglishDiagnosis.StepOf(english, S.FeatureCodes).Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnosis.Steps, s => s.Name == S.UaCsta); // FortiVoice has no uaCSTA
    }
}
