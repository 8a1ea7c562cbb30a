using Phone.SipCore.SyncLog;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.Interop.Tests.Lines;

/// <summary>
/// FortiVoice style (docs/protocol.md 3): DND and the forwards travel over a subscription with the
/// profile's package both ways, whatever the sync switch; the codes only when it is refused.
/// </summary>
public sealed class FortiVoiceLineTests
{
    private static PbxProfile Forti() => PbxPresets.Find("FortiVoice")! with
    {
        DndOnCode = "*78",
        DndOffCode = "*79",
        EventPackage = "forti-dnd",
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Server_state_arrives_by_notify_and_each_change_goes_as_a_set_subscribe_whatever_the_switch(bool featureSync)
    {
        await using var sipp = SippProcess.Start("fortivoice-changes.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, Forti(), featureSync);
        line.Start();

        try
        {
            // sipp checks that the SUBSCRIBE names the profile's package (Event: forti-dnd).
            var pushed = await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Active &&
                s.Features.All.All(f => f.Enabled && f.Standing == FeatureStanding.Confirmed), "the server's DND and forwards");
            Assert.Equal(("1111", "2222", "3333", 4), (pushed.Features.ForwardAlways.Target, pushed.Features.ForwardBusy.Target,
                pushed.Features.ForwardNoAnswer.Target, pushed.Features.ForwardNoAnswer.RingCount));
            Assert.All(pushed.Features.All, f => Assert.Equal(FeatureOrigin.Server, f.Origin));
            Assert.Equal(FeaturePath.Subscription, pushed.PathOf(FeatureKind.Dnd));

            Assert.True((await line.RequestAsync(FeatureKind.Dnd, false)).Accepted);
            var dnd = await line.WaitForFeatureAsync(FeatureKind.Dnd, false, FeatureStanding.Confirmed);
            Assert.Equal((FeatureOrigin.Web, FeaturePath.Subscription), (dnd.Features.Dnd.Origin, dnd.PathOf(FeatureKind.Dnd)));

            var cfna = await line.SetEachForwardConfirmedAsync();
            Assert.Equal(3, cfna.Features.ForwardNoAnswer.RingCount);
            Assert.Equal(featureSync, cfna.FeatureSync);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{sipp.Describe()}", ex);
        }

        // sipp matched each Set body (ereg on the body) before it confirmed the change.
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("INVITE sip:", sipp.MessageLog());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_subscription_sends_the_change_as_the_profiles_code(bool featureSync)
    {
        await using var sipp = SippProcess.Start("fortivoice-489.xml", calls: 3);
        await using var line = new LineHarness(sipp.Port, Forti(), featureSync);
        line.Start();
        await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Unsupported, "subscription refused");

        Assert.True((await line.RequestAsync(FeatureKind.Dnd, true)).Accepted);
        var sent = await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.SentUnconfirmed);
        Assert.Equal(FeaturePath.Code, sent.PathOf(FeatureKind.Dnd));

        // No subscription and no code: refused, naming what to fill in; nothing is sent.
        var busy = await line.RequestAsync(FeatureKind.ForwardBusy, true, "3000");
        Assert.False(busy.Accepted);
        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.NoSyncPath, SyncLogArg.Text(1), SyncLogArg.Feature(FeatureKind.ForwardBusy),
            SyncLogArg.Text("FortiVoice"), SyncLogArg.Text("forti-dnd"), new SyncLogArg(SyncLogArgKind.Value, "on")), busy.Error);

        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("INVITE sip:*78@127.0.0.1", sipp.MessageLog());
    }

    [Fact]
    public async Task The_dnd_subscription_runs_even_with_the_sync_switch_off()
    {
        await using var sipp = SippProcess.Start("fortivoice-line.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, Forti(), featureSync: false);
        line.Start();

        var pushed = await line.WaitForAsync(
            s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd is { Enabled: true, Standing: FeatureStanding.Confirmed },
            "subscription active with the server's DND");

        Assert.False(pushed.FeatureSync);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }
}
