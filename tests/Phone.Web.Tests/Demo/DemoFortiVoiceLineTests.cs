using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Simulator;
using Phone.TestSupport;
using Phone.Web.Demo;

namespace Phone.Web.Tests.Demo;

/// <summary>
/// Demo line 3 is FortiVoice-style with the sync switch off (docs/protocol.md 3): against the
/// simulator it still syncs both ways by the subscription, and by code once the server answers 489.
/// </summary>
public sealed class DemoFortiVoiceLineTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_fortivoice_demo_line_syncs_both_ways_with_the_switch_off_and_falls_back_to_codes()
    {
        using var factory = new PhoneWebFactory().WithSetting(DemoMode.EnabledKey, "true");
        using var client = factory.CreateClient();
        await client.GetAsync("/healthz");
        var statuses = Channel.CreateUnbounded<LineStatus>();
        using var subscription = factory.Feed.Subscribe(s => statuses.Writer.TryWrite(s));
        var simulator = factory.Services.GetRequiredService<PbxSimulator>();
        var changes = factory.Services.GetRequiredService<IFeatureChangeService>();

        var active = await WaitForAsync(factory, statuses, s => s.Subscription == SubscriptionStatus.Active);
        Assert.Equal((false, SyncMethod.FeatureCodesWithAsFeatureEventDnd), (active.FeatureSync, active.Method));

        // Server to phone: a forward set on the server arrives by NOTIFY.
        simulator.SetForward(DemoAccounts.FortiVoiceUser, FeatureKind.ForwardBusy, true, "3000");
        await WaitForAsync(factory, statuses, s => s.Features.ForwardBusy is { Enabled: true, Target: "3000", Standing: FeatureStanding.Confirmed });

        // Phone to server: a Set SUBSCRIBE, confirmed by the NOTIFY.
        var result = await changes.RequestAsync(3, new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web), default);
        Assert.True(result.Accepted, result.Error);
        var confirmed = await WaitForAsync(factory, statuses, s => s.Features.Dnd is { Enabled: true, Standing: FeatureStanding.Confirmed });
        Assert.Equal(FeaturePath.Subscription, confirmed.PathOf(FeatureKind.Dnd));
        Assert.True(simulator.Get(DemoAccounts.FortiVoiceUser)!.Features.Dnd.Enabled);

        // 489: the change goes as the demo profile's code (*79), which the simulator applies.
        simulator.SetGlobalSwitches(new SimulatorSwitches(RejectSubscribe: true));
        await WaitForAsync(factory, statuses, s => s.Subscription == SubscriptionStatus.Unsupported);
        result = await changes.RequestAsync(3, new FeatureWish(FeatureKind.Dnd, new FeatureValue(false), FeatureOrigin.Web), default);
        Assert.True(result.Accepted, result.Error);
        var sent = await WaitForAsync(factory, statuses, s => s.Features.Dnd is { Enabled: false, Standing: FeatureStanding.SentUnconfirmed });
        Assert.Equal(FeaturePath.Code, sent.PathOf(FeatureKind.Dnd));
        Assert.False(simulator.Get(DemoAccounts.FortiVoiceUser)!.Features.Dnd.Enabled);
    }

    /// <summary>Line 3's latest snapshot first, then each new one, within a bound.</summary>
    private static async Task<LineStatus> WaitForAsync(PhoneWebFactory factory, Channel<LineStatus> statuses, Func<LineStatus, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        if (factory.Feed.Get(3) is { } current && condition(current))
        {
            return current;
        }
        while (true)
        {
            var next = await statuses.Reader.ReadAsync(timeout.Token);
            if (next.Line == 3 && condition(next))
            {
                return next;
            }
        }
    }
}
