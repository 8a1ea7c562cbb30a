using Phone.SipCore.SyncLog;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Simulator;

namespace Phone.SipCore.Tests.Simulator;

/// <summary>The simulator's feature-code PBX, dialled by real line agents over loopback.</summary>
public sealed class SimulatorCodeTests : IAsyncLifetime
{
    private readonly SimulatorHarness _h = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_yeastar_forward_code_is_answered_hung_up_by_the_pbx_and_kept_as_state()
    {
        var agent = _h.StartLine(2, "2002", PbxPresets.YeastarS);
        await _h.WaitForLine(2, s => s.Registration == RegistrationState.Registered, "registered");

        var result = await agent.RequestAsync(new FeatureWish(FeatureKind.ForwardAlways, new FeatureValue(true, "2424"), FeatureOrigin.Web));

        Assert.True(result.Accepted, result.Error);
        var view = await _h.WaitForUser("2002", v => v.LastDialled is not null, "a dialled code");
        Assert.Equal(("*712424", 200), (view.LastDialled!.Dialled, view.LastDialled.Status));
        Assert.Equal(new FeatureValue(true, "2424"), view.Features.ForwardAlways);
        await _h.WaitForLine(2, s => s.Features.ForwardAlways.Standing == FeatureStanding.SentUnconfirmed, "sent");
        Assert.Contains(_h.Events.Log, e => e.Line == 2 && e.Event.Code == SyncLogCode.FeatureCodeSent
            && e.Event.Args.Any(a => a.Kind == SyncLogArgKind.Detail && a.Value.Contains("*712424", StringComparison.Ordinal)
                && a.Value.Contains(nameof(StatusPhraseCode.CodeAnsweredPbxHungUp), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Off_codes_and_dnd_codes_change_the_state_they_name()
    {
        var agent = _h.StartLine(2, "2002", PbxPresets.YeastarS);
        await _h.WaitForLine(2, s => s.Registration == RegistrationState.Registered, "registered");

        await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));
        await _h.WaitForUser("2002", v => v.Features.Dnd.Enabled, "DND on");
        await _h.WaitForLine(2, s => s.Features.Dnd.Standing == FeatureStanding.SentUnconfirmed, "sent");
        await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(false), FeatureOrigin.Web));

        var view = await _h.WaitForUser("2002", v => !v.Features.Dnd.Enabled && v.LastDialled?.Dialled == "*074", "DND off by *074");
        Assert.Equal("DND off", view.LastDialled!.Meaning);
    }

    [Fact]
    public async Task The_3cx_preset_reads_its_own_dnd_code()
    {
        var agent = _h.StartLine(3, "2003", PbxPresets.ThreeCx with { AcceptUaCsta = false });
        await _h.WaitForLine(3, s => s.Registration == RegistrationState.Registered, "registered");

        await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        // The simulator applies the state, then records the code: wait for both.
        var view = await _h.WaitForUser("2003", v => v.Features.Dnd.Enabled && v.LastDialled is not null, "DND on and the code recorded");
        Assert.Equal("*32", view.LastDialled!.Dialled);
    }

    [Fact]
    public async Task Ims_style_codes_with_a_hash_are_escaped_on_the_wire_and_read_back()
    {
        var agent = _h.StartLine(4, "2004", PbxPresets.HuaweiIms);
        await _h.WaitForLine(4, s => s.Registration == RegistrationState.Registered, "registered");

        await agent.RequestAsync(new FeatureWish(FeatureKind.ForwardBusy, new FeatureValue(true, "3000"), FeatureOrigin.Web));
        await _h.WaitForUser("2004", v => v.Features.ForwardBusy.Enabled, "forward busy on");
        await _h.WaitForLine(4, s => s.Features.ForwardBusy.Standing == FeatureStanding.SentUnconfirmed, "sent");
        await agent.RequestAsync(new FeatureWish(FeatureKind.ForwardBusy, new FeatureValue(false), FeatureOrigin.Web));

        var view = await _h.WaitForUser("2004", v => !v.Features.ForwardBusy.Enabled && v.LastDialled?.Dialled == "#40#", "forward busy off by #40#");
        Assert.Equal(("#40#", 200), (view.LastDialled!.Dialled, view.LastDialled.Status));
        Assert.Equal("3000", view.Features.ForwardBusy.Target); // kept for next time
    }

    [Fact]
    public async Task With_refusal_the_code_is_answered_403_and_the_line_shows_the_failure()
    {
        var agent = _h.StartLine(2, "2002", PbxPresets.YeastarS);
        await _h.WaitForLine(2, s => s.Registration == RegistrationState.Registered, "registered");
        _h.Simulator.SetSwitches("2002", new SimulatorSwitches(RefuseChanges: true));

        await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        var status = await _h.WaitForLine(2, s => s.Features.Dnd.Standing == FeatureStanding.Failed, "failed");
        Assert.Contains("403", status.Features.Dnd.Detail);
        var view = _h.Simulator.Get("2002")!;
        Assert.False(view.Features.Dnd.Enabled);
        Assert.Equal(403, view.LastDialled!.Status);
    }

    [Fact]
    public async Task A_code_change_is_also_notified_to_a_subscribed_line_of_the_same_user()
    {
        // The same user on a BroadWorks-style line and a code line: the server's state is one.
        _h.StartLine(1, "2002", PbxPresets.BroadWorks);
        await _h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active, "active");
        _h.Simulator.SetForward("2002", FeatureKind.ForwardNoAnswer, true, "5000", 6);

        var status = await _h.WaitForLine(1, s => s.Features.ForwardNoAnswer.Enabled, "forward no answer on");

        Assert.Equal(("5000", 6), (status.Features.ForwardNoAnswer.Target, status.Features.ForwardNoAnswer.RingCount!.Value));
    }
}
