using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Configuration;
using Phone.SipCore.Simulator;
using Phone.Storage;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.TestSupport;
using Phone.Web.Demo;

namespace Phone.Web.Tests.Demo;

public sealed class DemoStartupTests
{
    [Fact]
    public void The_bare_demo_switch_becomes_a_setting_and_other_arguments_stay()
    {
        Assert.Equal(["--urls", "http://127.0.0.1:1", "--FeatureSync:Demo=true"],
            DemoMode.TranslateArgs(["--urls", "http://127.0.0.1:1", "--demo"]));
    }

    [Fact]
    public async Task Demo_mode_keeps_its_data_apart_and_sets_up_its_lines_against_the_simulator()
    {
        using var factory = new PhoneWebFactory().WithSetting(DemoMode.EnabledKey, "true");
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // Never the configured data directory: a fresh folder of its own.
        Assert.False(Directory.Exists(factory.DataDirectory));
        var database = factory.Services.GetRequiredService<PhoneDatabase>();
        Assert.Equal(factory.Services.GetRequiredService<DemoDataDirectory>().Path, database.DataDirectory);

        var simulator = factory.Services.GetRequiredService<PbxSimulator>();
        var lines = factory.Services.GetRequiredService<LineRepository>();
        var profiles = factory.Services.GetRequiredService<PbxProfileRepository>();
        var one = (await lines.GetAsync(1))!.ToSettings();
        var two = (await lines.GetAsync(2))!.ToSettings();
        Assert.Equal(("2001", "127.0.0.1", simulator.EndPoint.Port, true, true), (one.User, one.RegistrarHost, one.Port, one.Enabled, one.FeatureSync));
        Assert.Equal(("2002", true), (two.User, two.FeatureSync));
        Assert.Equal(SyncMethod.AsFeatureEvent, (await profiles.GetAsync(one.PbxProfileId!.Value))!.Method);
        Assert.Equal("*74", (await profiles.GetAsync(two.PbxProfileId!.Value))!.DndOnCode);
        var three = (await lines.GetAsync(3))!.ToSettings();
        Assert.Equal(("2003", simulator.EndPoint.Port, false), (three.User, three.Port, three.FeatureSync));
        var forti = (await profiles.GetAsync(three.PbxProfileId!.Value))!;
        Assert.Equal((SyncMethod.FeatureCodesWithAsFeatureEventDnd, "*78"), (forti.Method, forti.DndOnCode));
    }

    [Fact]
    public async Task The_server_console_needs_a_sign_in_and_exists_only_in_demo_mode()
    {
        using (var demo = new PhoneWebFactory().WithSetting(DemoMode.EnabledKey, "true"))
        {
            using var anonymous = demo.CreateAnonymousClient();
            Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/server-console")).StatusCode);
            using var signedIn = await demo.CreateSignedInClientAsync();
            var html = await signedIn.GetStringAsync("/server-console");
            Assert.Contains("data-testid=\"console-user-2001\"", html);
            Assert.Contains("data-testid=\"nav-server-console\"", html);
        }

        using var normal = new PhoneWebFactory();
        using var client = await normal.CreateSignedInClientAsync();
        var page = await client.GetStringAsync("/server-console");
        Assert.Contains("data-testid=\"console-off\"", page);
        Assert.DoesNotContain("nav-server-console", page);
        Assert.Null(normal.Services.GetService<PbxSimulator>());
    }
}
