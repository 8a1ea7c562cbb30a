using Phone.SipCore.SyncLog;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.SipCore.Tests.Lines;

/// <summary>Which way a phone-side change goes (docs/protocol.md 1, 2, 3 and 7).</summary>
public sealed class FeatureRoutingTests
{
    private static LineConfiguration Config(string preset, bool featureSync) => new(
        new LineSettings { Number = 1, Enabled = true, User = "2001", RegistrarHost = "pbx", FeatureSync = featureSync, PbxProfileId = 1 },
        PbxPresets.Find(preset)! with { Id = 1, EventPackage = preset == "FortiVoice" ? "forti-dnd" : PbxProfile.DefaultEventPackage }, "");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FortiVoice_uses_the_subscription_whatever_the_switch(bool featureSync)
    {
        var route = FeatureRouting.Decide(Config("FortiVoice", featureSync), subscribed: true, FeatureStanding.Confirmed, subscriptionRefused: false, hasCode: true);

        Assert.Equal(FeatureRoute.Subscription, route);
    }

    [Theory]
    [InlineData("FortiVoice", true, FeatureRoute.Code)]
    [InlineData("FortiVoice", false, FeatureRoute.Refused)]
    [InlineData("BroadWorks", true, FeatureRoute.Code)]
    [InlineData("BroadWorks", false, FeatureRoute.Refused)]
    public void A_refused_subscription_sends_the_code_or_refuses_without_one(string preset, bool hasCode, FeatureRoute expected)
    {
        var route = FeatureRouting.Decide(Config(preset, featureSync: true), subscribed: true, FeatureStanding.Confirmed, subscriptionRefused: true, hasCode);

        Assert.Equal(expected, route);
    }

    [Fact]
    public void FortiVoice_with_the_switch_off_falls_back_to_codes_too()
    {
        var route = FeatureRouting.Decide(Config("FortiVoice", featureSync: false), subscribed: true, FeatureStanding.Pending, subscriptionRefused: true, hasCode: true);

        Assert.Equal(FeatureRoute.Code, route);
    }

    [Theory]
    [InlineData("FortiVoice", true, FeatureRoute.Code)]
    [InlineData("FortiVoice", false, FeatureRoute.Local)]
    [InlineData("BroadWorks", true, FeatureRoute.Local)]
    public void A_feature_the_server_does_not_assign_goes_by_code_or_locally(string preset, bool hasCode, FeatureRoute expected)
    {
        var route = FeatureRouting.Decide(Config(preset, featureSync: true), subscribed: true, FeatureStanding.NotAssigned, subscriptionRefused: false, hasCode);

        Assert.Equal(expected, route);
    }

    [Theory]
    [InlineData("BroadWorks", false, FeatureRoute.Local)]
    [InlineData("Yeastar S-series", true, FeatureRoute.Code)]
    [InlineData("Yeastar S-series", false, FeatureRoute.Local)]
    public void Other_profiles_follow_the_switch(string preset, bool featureSync, FeatureRoute expected)
    {
        var route = FeatureRouting.Decide(Config(preset, featureSync), subscribed: false, FeatureStanding.Local, subscriptionRefused: false, hasCode: true);

        Assert.Equal(expected, route);
    }

    [Fact]
    public void The_refusal_names_the_feature_the_package_the_profile_and_the_field_to_fill_in()
    {
        var message = FeatureRouting.NoPathMessage(Config("FortiVoice", featureSync: false), FeatureKind.ForwardBusy, enable: true);

        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.NoSyncPath, SyncLogArg.Text(1), SyncLogArg.Feature(FeatureKind.ForwardBusy),
            SyncLogArg.Text("FortiVoice"), SyncLogArg.Text("forti-dnd"), new SyncLogArg(SyncLogArgKind.Value, "on")), message);
        var dndOff = FeatureRouting.NoPathMessage(Config("FortiVoice", true), FeatureKind.Dnd, enable: false);
        Assert.Equal((SyncLogArg.Feature(FeatureKind.Dnd), new SyncLogArg(SyncLogArgKind.Value, "off")), (dndOff.Args[1], dndOff.Args[4]));
    }
}
