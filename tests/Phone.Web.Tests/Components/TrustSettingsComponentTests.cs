using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Configuration;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.Web.Components.Pages.Lines;
using Phone.Web.Components.Pages.Profiles;

namespace Phone.Web.Tests.Components;

/// <summary>The trusted-hosts field of the profile editor and the line editor's "calls only from the server" switch.</summary>
public sealed class TrustSettingsComponentTests : ComponentTestContext
{
    private async Task<IRenderedComponent<ProfileEditor>> RenderProfileAsync(string trustedHosts = "")
    {
        var profiles = Services.GetRequiredService<PbxProfileRepository>();
        var profile = await profiles.CreateAsync(PbxPresets.BroadWorks with { TrustedHosts = trustedHosts });
        return Render<ProfileEditor>(p => p.Add(c => c.Profile, profile).Add(c => c.Interactive, true));
    }

    private async Task<IRenderedComponent<LineEditor>> RenderLineAsync(int number)
    {
        var view = (await Services.GetRequiredService<LineRepository>().GetAsync(number))!;
        return Render<LineEditor>(p => p.Add(c => c.Line, view).Add(c => c.Profiles, []).Add(c => c.Interactive, true));
    }

    [Fact]
    public async Task The_profile_editor_shows_the_trusted_hosts_and_saves_them()
    {
        var editor = await RenderProfileAsync("10.0.0.5");

        var field = editor.Find("[data-testid='trusted-hosts']");
        Assert.Equal("10.0.0.5", field.GetAttribute("value"));
        Assert.Contains("Trusted hosts", editor.Find("label[for='trusted']").TextContent);

        field.Change(" 10.0.0.0/24, pbx2.example.com ");
        editor.Find("form").Submit();

        editor.WaitForElement("[data-testid='saved']");
        var stored = Assert.Single(await Services.GetRequiredService<PbxProfileRepository>().GetAllAsync());
        Assert.Equal("10.0.0.0/24, pbx2.example.com", stored.TrustedHosts);
    }

    [Fact]
    public async Task A_bad_trusted_host_is_named_beside_the_field_and_nothing_is_saved()
    {
        var editor = await RenderProfileAsync("10.0.0.5");

        editor.Find("[data-testid='trusted-hosts']").Change("10.0.0.0/33");
        editor.Find("form").Submit();

        Assert.Contains("'10.0.0.0/33' is not a host name, IP address or CIDR range",
            editor.Find("[data-testid='trusted-hosts']").ParentElement!.TextContent);
        Assert.Empty(editor.FindAll("[data-testid='saved']"));
        Assert.Equal("10.0.0.5", Assert.Single(await Services.GetRequiredService<PbxProfileRepository>().GetAllAsync()).TrustedHosts);
    }

    [Fact]
    public async Task The_line_editor_shows_the_switch_as_stored()
    {
        var lines = Services.GetRequiredService<LineRepository>();
        await lines.SaveAsync(new LineSettings { Number = 3, AcceptCallsOnlyFromServer = true });

        var on = (await RenderLineAsync(3)).Find("[data-testid='accept-calls-only-from-server']");
        var off = (await RenderLineAsync(4)).Find("[data-testid='accept-calls-only-from-server']");

        Assert.True(on.HasAttribute("checked"));
        Assert.False(off.HasAttribute("checked"));
        Assert.Contains("Accept calls only from this line's server", on.ParentElement!.TextContent);
        // Saving goes through the form model (the save itself needs the SIP side: see the API tests).
        Assert.True(LineForm.From((await lines.GetAsync(3))!).ToSettings().AcceptCallsOnlyFromServer);
    }

    [Fact]
    public async Task Both_fields_have_Chinese_labels()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var profile = await RenderProfileAsync();
            var line = await RenderLineAsync(1);

            Assert.Contains("可信主机", profile.Find("label[for='trusted']").TextContent);
            Assert.Contains("仅接受本线路服务器的来电",
                line.Find("[data-testid='accept-calls-only-from-server']").ParentElement!.TextContent);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
