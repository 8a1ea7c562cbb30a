using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.Interop.Tests.Lines;

/// <summary>FortiVoice style: DND pushed over a subscription with the profile's package, changes by code.</summary>
public sealed class FortiVoiceLineTests
{
    private static PbxProfile Forti() => PbxPresets.Find("FortiVoice")! with
    {
        DndOnCode = "*78",
        DndOffCode = "*79",
        EventPackage = "forti-dnd",
    };

    [Fact]
    public async Task Server_dnd_arrives_by_notify_and_a_change_is_dialled_as_a_code()
    {
        await using var sipp = SippProcess.Start("fortivoice-line.xml", calls: 3);
        await using var line = new LineHarness(sipp.Port, Forti());
        line.Start();

        // sipp checks that the SUBSCRIBE names the profile's package (Event: forti-dnd).
        var pushed = await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
        Assert.Equal(FeatureOrigin.Server, pushed.Features.Dnd.Origin);
        Assert.True((await line.RequestAsync(FeatureKind.Dnd, false)).Accepted);

        await line.WaitForFeatureAsync(FeatureKind.Dnd, false, FeatureStanding.SentUnconfirmed);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("INVITE sip:*79@127.0.0.1", sipp.MessageLog());
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
