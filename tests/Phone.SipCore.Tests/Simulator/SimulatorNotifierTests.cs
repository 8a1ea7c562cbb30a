using Phone.SipCore.SyncLog;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Simulator;

namespace Phone.SipCore.Tests.Simulator;

/// <summary>The simulator's registrar and as-feature-event notifier, driven by a real line agent over loopback.</summary>
public sealed class SimulatorNotifierTests : IAsyncLifetime
{
    private readonly SimulatorHarness _h = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_line_registers_with_digest_subscribes_and_gets_the_full_state()
    {
        _h.Simulator.SetDnd("2001", true);
        _h.Simulator.SetForward("2001", FeatureKind.ForwardNoAnswer, true, "1001", 4);

        _h.StartLine(1, "2001", PbxPresets.BroadWorks);

        var status = await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active
            && s.Features.ForwardNoAnswer.Standing == FeatureStanding.Confirmed, "active with the full state");
        Assert.Equal(RegistrationState.Registered, status.Registration);
        Assert.Equal((true, FeatureStanding.Confirmed, FeatureOrigin.Server),
            (status.Features.Dnd.Enabled, status.Features.Dnd.Standing, status.Features.Dnd.Origin));
        Assert.Equal(("1001", 4), (status.Features.ForwardNoAnswer.Target, status.Features.ForwardNoAnswer.RingCount!.Value));
        Assert.Equal(FeatureStanding.Confirmed, status.Features.ForwardAlways.Standing); // all four are assigned
        var view = await _h.WaitForUser("2001", v => v.Subscriptions == 1 && v.Contact is not null, "registered and subscribed");
        Assert.StartsWith("sip:2001@127.0.0.1:", view.Contact);
    }

    [Fact]
    public async Task A_server_side_change_is_notified_to_the_line_at_once()
    {
        _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active, "active");

        _h.Simulator.SetDnd("2001", true);
        _h.Simulator.SetForward("2001", FeatureKind.ForwardBusy, true, "3000");

        await _h.WaitForLine(1, s => s.Features.Dnd is { Enabled: true, Origin: FeatureOrigin.Server, Standing: FeatureStanding.Confirmed }, "DND on from the server");
        var status = await _h.WaitForLine(1, s => s.Features.ForwardBusy.Enabled, "forward busy on");
        Assert.Equal("3000", status.Features.ForwardBusy.Target);
    }

    [Fact]
    public async Task A_phone_side_change_is_applied_and_confirmed_by_notify()
    {
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active, "active");

        await agent.RequestAsync(new FeatureWish(FeatureKind.ForwardAlways, new FeatureValue(true, "2424"), FeatureOrigin.Web));
        await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        var view = await _h.WaitForUser("2001", v => v.Features.Dnd.Enabled && v.Features.ForwardAlways.Enabled, "both applied on the server");
        Assert.Equal("2424", view.Features.ForwardAlways.Target);
        var status = await _h.WaitForLine(1, s => s.Features.Dnd.Standing == FeatureStanding.Confirmed
            && s.Features.ForwardAlways.Standing == FeatureStanding.Confirmed && s.Features.Dnd.Enabled, "both confirmed");
        Assert.Equal(FeatureOrigin.Web, status.Features.Dnd.Origin);
    }

    [Fact]
    public async Task With_refusal_on_the_server_keeps_its_value_and_the_line_shows_rejected()
    {
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active, "active");
        _h.Simulator.SetSwitches("2001", new SimulatorSwitches(RefuseChanges: true));

        await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        var status = await _h.WaitForLine(1, s => s.Features.Dnd.Standing == FeatureStanding.Rejected, "rejected");
        Assert.False(status.Features.Dnd.Enabled);
        Assert.False(_h.Simulator.Get("2001")!.Features.Dnd.Enabled);
        Assert.Contains("refused", _h.Simulator.Get("2001")!.LastEvent);
    }

    [Fact]
    public async Task With_489_the_subscription_is_refused_and_a_live_one_is_ended()
    {
        _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active, "active");

        _h.Simulator.SetGlobalSwitches(new SimulatorSwitches(RejectSubscribe: true));

        var status = await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Unsupported, "unsupported");
        Assert.Contains("489", status.SubscriptionDetail);
        await _h.WaitForUser("2001", v => v.Subscriptions == 0, "no subscription left");
    }

    [Fact]
    public async Task When_silent_the_subscription_is_accepted_but_never_notified()
    {
        _h.Simulator.SetSwitches("2001", new SimulatorSwitches(Silent: true));
        _h.StartLine(1, "2001", PbxPresets.BroadWorks);

        var status = await _h.WaitForLine(1, s => s.SubscriptionDetail == StatusPhrase.Detail(StatusPhraseCode.SubscribedNoState), "no state");
        Assert.Equal(SubscriptionStatus.WaitingForState, status.Subscription);
        _h.Simulator.SetDnd("2001", true);
        Assert.True(_h.Simulator.Get("2001")!.Features.Dnd.Enabled);
        Assert.Equal(SubscriptionStatus.WaitingForState, _h.Feed.Get(1)!.Subscription);

        // Silence off: the state held back arrives at once.
        _h.Simulator.SetSwitches("2001", SimulatorSwitches.None);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Enabled, "state after silence");
    }

    [Fact]
    public async Task After_a_489_the_line_falls_back_to_the_broadworks_codes_which_the_simulator_reads()
    {
        _h.Simulator.SetSwitches("2001", new SimulatorSwitches(RejectSubscribe: true));
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Unsupported && s.Registration == RegistrationState.Registered, "unsupported");

        await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        var view = await _h.WaitForUser("2001", v => v.Features.Dnd.Enabled && v.LastDialled is not null, "DND on by code, the code recorded");
        Assert.Equal(("*78", 200), (view.LastDialled!.Dialled, view.LastDialled.Status));
    }

    [Fact]
    public async Task Stopping_the_line_unsubscribes_and_unregisters()
    {
        var agent = _h.StartLine(1, "2001", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active, "active");

        await _h.StopLineAsync(agent);

        var view = await _h.WaitForUser("2001", v => v.Subscriptions == 0 && v.Contact is null, "unsubscribed and unregistered");
        Assert.Equal("unregistered", view.LastEvent);
    }

    [Fact]
    public async Task A_wrong_password_is_challenged_and_the_registration_fails()
    {
        _h.StartLine(1, "2001", PbxPresets.BroadWorks, password: "wrong");

        var status = await _h.WaitForLine(1, s => s.Registration == RegistrationState.Failed, "failed");

        // The challenge could not be answered: the phrase says why, around the status line.
        Assert.True(StatusPhrase.TryDecode(status.RegistrationDetail, out var detail));
        Assert.Equal(StatusPhraseCode.AuthCredentialsRejected, detail.Code);
        Assert.StartsWith("401", StatusPhrase.ProtocolText(status.RegistrationDetail));
        Assert.Null(_h.Simulator.Get("2001")!.Contact);
    }

    [Fact]
    public async Task One_users_credentials_cannot_register_another_user()
    {
        _h.StartLine(1, "2001", PbxPresets.BroadWorks, authUser: "2002");

        var status = await _h.WaitForLine(1, s => s.Registration == RegistrationState.Failed, "failed");

        Assert.StartsWith("403", status.RegistrationDetail);
        Assert.Null(_h.Simulator.Get("2001")!.Contact);
        Assert.Null(_h.Simulator.Get("2002")!.Contact);
    }
}
