using Phone.SipCore.SyncLog;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Lines.Diagnosis;
using Phone.SipCore.Simulator;
using Phone.SipCore.Tests.Simulator;
using V = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Verdicts;

namespace Phone.SipCore.Tests.Lines;

/// <summary>The diagnosis of a real line against the in-process PBX simulator in each of its modes, over loopback UDP.</summary>
public sealed class LineDiagnosisSimulatorTests : IAsyncLifetime
{
    private readonly SimulatorHarness _h = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private static DiagnosisStep StepOf(LineDiagnosis diagnosis, string name) => Assert.Single(diagnosis.Steps, s => s.Name == name);

    [Fact]
    public async Task Normal_mode_with_a_round_trip_works_and_reports_the_confirmation_latency_and_restores_dnd()
    {
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Standing == FeatureStanding.Confirmed, "active");

        var diagnosis = await agent.DiagnoseAsync(new DiagnosisRequest(RoundTrip: true));

        Assert.True(diagnosis.Ok, string.Join("; ", diagnosis.Steps));
        Assert.Equal(V.Works, diagnosis.Verdict);
        var ms = int.Parse(Assert.Single(diagnosis.VerdictArguments), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ms, 0, 12_000);
        Assert.Equal(DiagnosisCodes.Details.Registered, StepOf(diagnosis, DiagnosisCodes.Steps.Registration).Detail);
        var subscription = StepOf(diagnosis, DiagnosisCodes.Steps.Subscription);
        Assert.Equal(DiagnosisCodes.Details.Supported, subscription.Detail);
        var callId = Assert.Single(subscription.Evidence);
        // The evidence names messages that really are in the line's trace.
        await _h.Events.WaitForReceivedAsync(m => m.Contains($"Call-ID: {callId}", StringComparison.Ordinal), SimulatorHarness.Bound);
        Assert.Equal(DiagnosisCodes.Details.Multipart, StepOf(diagnosis, DiagnosisCodes.Steps.FullState).Detail);
        Assert.Equal(DiagnosisCodes.Details.Confirmed, StepOf(diagnosis, DiagnosisCodes.Steps.RoundTrip).Detail);
        // DND is back where it was, on the server and on the line.
        await _h.WaitForUser("2001", v => !v.Features.Dnd.Enabled, "DND restored on the server");
        await _h.WaitForLine(1, s => s.Features.Dnd is { Enabled: false, Standing: FeatureStanding.Confirmed }, "DND restored on the line");
    }

    [Fact]
    public async Task Refuse_mode_with_a_round_trip_says_the_server_refused_the_change()
    {
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Standing == FeatureStanding.Confirmed, "active");
        _h.Simulator.SetSwitches("2001", new SimulatorSwitches(RefuseChanges: true));

        var diagnosis = await agent.DiagnoseAsync(new DiagnosisRequest(RoundTrip: true));

        Assert.False(diagnosis.Ok);
        Assert.Equal(V.ChangeRefused, diagnosis.Verdict);
        var step = StepOf(diagnosis, DiagnosisCodes.Steps.RoundTrip);
        Assert.Equal(DiagnosisCodes.Details.RefusedByServer, step.Detail);
        Assert.True(StatusPhrase.TryDecode(step.Arguments[1], out var kept));
        Assert.Equal(StatusPhraseCode.ServerKept, kept.Code);
        Assert.Equal("off", kept.Args[0].Value);
    }

    [Fact]
    public async Task Reject_subscribe_mode_gives_the_489_verdict_naming_the_user()
    {
        _h.Simulator.SetSwitches("2001", new SimulatorSwitches(RejectSubscribe: true));
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Unsupported, "unsupported");

        var diagnosis = await agent.DiagnoseAsync(new DiagnosisRequest());

        Assert.Equal(V.NotOffered, diagnosis.Verdict);
        Assert.Equal(["2001", "489 Bad Event", "as-feature-event"], diagnosis.VerdictArguments);
        Assert.Equal(DiagnosisCodes.Details.BadEvent, StepOf(diagnosis, DiagnosisCodes.Steps.Subscription).Detail);
        Assert.True(StepOf(diagnosis, DiagnosisCodes.Steps.Registration).Ok);
    }

    [Fact]
    public async Task Silent_mode_is_subscribed_but_without_state()
    {
        _h.Simulator.SetSwitches("2001", new SimulatorSwitches(Silent: true));
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.WaitingForState, "waiting for state");

        var diagnosis = await agent.DiagnoseAsync(new DiagnosisRequest(RoundTrip: true));

        Assert.Equal(V.SubscribedNoState, diagnosis.Verdict);
        Assert.DoesNotContain(diagnosis.Steps, s => s.Name == DiagnosisCodes.Steps.RoundTrip); // nothing to confirm a change with
    }

    [Fact]
    public async Task A_wrong_password_is_named_as_wrong_password_or_auth_user()
    {
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks, password: "wrong");

        var diagnosis = await agent.DiagnoseAsync(new DiagnosisRequest());

        Assert.Equal(V.WrongCredentials, diagnosis.Verdict);
        Assert.Equal(DiagnosisCodes.Details.AuthRejected, StepOf(diagnosis, DiagnosisCodes.Steps.Registration).Detail);
        var callId = Assert.Single(StepOf(diagnosis, DiagnosisCodes.Steps.Registration).Evidence);
        await _h.Events.WaitForReceivedAsync(m => m.StartsWith("SIP/2.0 401", StringComparison.Ordinal) && m.Contains($"Call-ID: {callId}", StringComparison.Ordinal),
            SimulatorHarness.Bound);
    }

    [Fact]
    public async Task Feature_code_mode_answers_the_test_call_which_takes_effect_on_the_server()
    {
        var agent = _h.StartLine(1, "2002", PbxPresets.YeastarS);
        await _h.WaitForLine(1, s => s.Registration == RegistrationState.Registered, "registered");

        var diagnosis = await agent.DiagnoseAsync(new DiagnosisRequest(TestCode: "*74"));

        Assert.True(diagnosis.Ok, string.Join("; ", diagnosis.Steps));
        Assert.Equal(V.CodesOnly, diagnosis.Verdict);
        Assert.Equal(DiagnosisCodes.Details.CodesComplete, StepOf(diagnosis, DiagnosisCodes.Steps.FeatureCodes).Detail);
        var call = StepOf(diagnosis, DiagnosisCodes.Steps.TestCall);
        Assert.Equal((true, DiagnosisCodes.Details.CallAnswered, "*74", "200"), (call.Ok, call.Detail, call.Arguments[0], call.Arguments[1]));
        var callId = Assert.Single(call.Evidence);
        await _h.Events.WaitForReceivedAsync(m => m.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && m.Contains($"Call-ID: {callId}", StringComparison.Ordinal),
            SimulatorHarness.Bound);
        // The code really reached the PBX: the simulator turned DND on for 2002.
        await _h.WaitForUser("2002", v => v.Features.Dnd.Enabled, "DND on by *74");
    }

    [Fact]
    public async Task A_code_the_simulator_does_not_know_is_a_test_call_failed_404()
    {
        var agent = _h.StartLine(1, "2002", PbxPresets.YeastarS);
        await _h.WaitForLine(1, s => s.Registration == RegistrationState.Registered, "registered");

        var diagnosis = await agent.DiagnoseAsync(new DiagnosisRequest(TestCode: "*999"));

        Assert.Equal(V.CodeFailed, diagnosis.Verdict);
        Assert.Equal(["*999", "404 Not Found"], diagnosis.VerdictArguments);
        var call = StepOf(diagnosis, DiagnosisCodes.Steps.TestCall);
        Assert.Equal((false, DiagnosisCodes.Details.CallFailed, "404"), (call.Ok, call.Detail, call.Arguments[1]));
    }
}
