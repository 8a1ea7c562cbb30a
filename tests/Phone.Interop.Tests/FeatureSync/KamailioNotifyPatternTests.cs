using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Usages;

namespace Phone.Interop.Tests.FeatureSync;

/// <summary>
/// The NOTIFY patterns of Kamailio's presence_dfks, played exactly by sipp: the old-state-then-new-state
/// pair after a Set, and the bodiless active NOTIFY of a user without state (docs/protocol.md 5).
/// </summary>
public sealed class KamailioNotifyPatternTests
{
    private static readonly PbxProfile BroadWorks = PbxPresets.Find("BroadWorks")!;

    [Fact]
    public async Task The_old_state_then_new_state_pair_ends_confirmed_and_stays_so_past_the_settle_window()
    {
        await using var sipp = SippProcess.Start("kamailio-old-then-new.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();
        await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Standing == FeatureStanding.Confirmed,
            "active with state");

        await line.RequestAsync(FeatureKind.Dnd, true);

        await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
        // sipp sends the busy forward 1.5 s after the pair; every status until then is read in order.
        var rejectedMeanwhile = false;
        var end = await line.WaitForAsync(s =>
        {
            rejectedMeanwhile |= s.Features.Dnd.Standing == FeatureStanding.Rejected;
            return s.Features.ForwardBusy is { Enabled: true, Target: "3000" };
        }, "the busy forward sipp sends after the settle window");

        Assert.False(rejectedMeanwhile);
        Assert.Equal((true, FeatureStanding.Confirmed, FeatureOrigin.Web), (end.Features.Dnd.Enabled, end.Features.Dnd.Standing, end.Features.Dnd.Origin));
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_active_notify_without_a_body_is_an_active_subscription_whose_features_the_server_has_not_reported()
    {
        await using var sipp = SippProcess.Start("kamailio-empty-state.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();

        var empty = await line.WaitForAsync(s => s.SubscriptionDetail == SubscriptionClient.NoStateDetail
            && s.Features.All.All(f => f.Standing == FeatureStanding.NotReported), "active, the server holds no state yet");

        Assert.Equal(SubscriptionStatus.Active, empty.Subscription);
        Assert.All(empty.Features.All, f => Assert.Equal(FeatureOrigin.Server, f.Origin));

        // A Set creates the state; the answer reports DND only and the rest stays not reported.
        Assert.True((await line.RequestAsync(FeatureKind.Dnd, true)).Accepted);
        await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
        // The NOTIFY's features are published first, then the subscription's status (no longer "no state").
        var held = await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Active && s.SubscriptionDetail is null, "active with state");
        Assert.Equal(FeatureStanding.Confirmed, held.Features.Dnd.Standing);
        Assert.Equal(FeatureStanding.NotReported, held.Features.ForwardAlways.Standing);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }
}
