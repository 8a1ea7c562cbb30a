using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.Lines;
using Phone.SipCore.Lines.Diagnosis;
using D = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Details;
using V = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Verdicts;

namespace Phone.Interop.Tests.Diagnosis;

/// <summary>The line diagnosis against sipp playing servers that say no, or nothing.</summary>
public sealed class DiagnosisInteropTests
{
    private static readonly PbxProfile BroadWorks = PbxPresets.Find("BroadWorks")!;

    private static DiagnosisStep StepOf(LineDiagnosis diagnosis, string name) => Assert.Single(diagnosis.Steps, s => s.Name == name);

    [Fact]
    public async Task A_register_answered_403_is_a_forbidden_registration()
    {
        await using var sipp = SippProcess.Start("registrar-403.xml");
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Failed, "registration failed");

        var diagnosis = await line.Agent.DiagnoseAsync(new DiagnosisRequest());

        Assert.Equal(V.RegistrationForbidden, diagnosis.Verdict);
        Assert.Equal(["2001", "403 Forbidden"], diagnosis.VerdictArguments);
        Assert.Equal(D.Forbidden, StepOf(diagnosis, DiagnosisCodes.Steps.Registration).Detail);
        Assert.Single(diagnosis.Steps); // nothing past a failed registration
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_subscribe_answered_404_means_the_user_is_not_provisioned()
    {
        await using var sipp = SippProcess.Start("bw-subscribe-404.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();
        await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Unsupported, "unsupported");

        var diagnosis = await line.Agent.DiagnoseAsync(new DiagnosisRequest());

        Assert.Equal(V.NotProvisioned, diagnosis.Verdict);
        Assert.Equal("2001", diagnosis.VerdictArguments[0]);
        // The subscription's detail is a phrase (worded by the page); the server's answer is inside it.
        Assert.StartsWith("404 Not Found", Phone.SipCore.SyncLog.StatusPhrase.ProtocolText(diagnosis.VerdictArguments[1]));
        Assert.True(StepOf(diagnosis, DiagnosisCodes.Steps.Registration).Ok);
        Assert.Equal(D.NotProvisioned, StepOf(diagnosis, DiagnosisCodes.Steps.Subscription).Detail);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_server_that_never_answers_is_unreachable_with_the_resolved_target_within_the_bound()
    {
        await using var sipp = SippProcess.Start("silent-registrar.xml", timeout: TimeSpan.FromSeconds(30));
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();

        var took = System.Diagnostics.Stopwatch.StartNew();
        var diagnosis = await line.Agent.DiagnoseAsync(new DiagnosisRequest());

        Assert.Equal(V.Unreachable, diagnosis.Verdict);
        Assert.Contains($"127.0.0.1:{sipp.Port}", diagnosis.VerdictArguments[0]);
        Assert.Equal(D.Unreachable, StepOf(diagnosis, DiagnosisCodes.Steps.Registration).Detail);
        // Bounded by the diagnosis' own wait (4 s), not by Timer F (32 s); loose for a loaded machine.
        Assert.True(took.Elapsed < TimeSpan.FromSeconds(20), $"took {took.Elapsed}");
    }
}
