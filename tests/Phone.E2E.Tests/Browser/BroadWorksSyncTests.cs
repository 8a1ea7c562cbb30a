using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Phone.Interop.Tests.Sipp;
using Phone.Storage.Profiles;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Browser;

/// <summary>
/// The whole path in a browser: sipp plays a BroadWorks server; the line is configured on
/// the Lines page; the Status page shows the server's state live and sends DND and the
/// three forwards as as-feature-event SUBSCRIBEs, which sipp checks body by body.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class BroadWorksSyncTests(ChromiumFixture chromium)
{
    private static readonly TimeSpan SippBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Configure_a_line_see_the_servers_state_live_and_change_features_from_the_page()
    {
        await using var sipp = SippProcess.Start("bw-phone-changes.xml", calls: 2, timeout: TimeSpan.FromSeconds(60));
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        var profile = await factory.Services.GetRequiredService<PbxProfileRepository>().CreateFromPresetAsync("BroadWorks");
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();

        // Configure line 1 against sipp, feature sync on.
        await BrowserSession.SignInAsync(page, baseAddress, "/lines/1");
        await BrowserSession.WaitInteractiveAsync(page);
        await page.GetByTestId("enabled").CheckAsync();
        await BrowserSession.SetAsync(page.GetByTestId("user"), "2001");
        await BrowserSession.SetAsync(page.GetByTestId("registrar"), "127.0.0.1");
        await BrowserSession.SetAsync(page.GetByTestId("port"), sipp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("profile").SelectOptionAsync(profile.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("feature-sync").CheckAsync();
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });

        // The server's state arrives by NOTIFY and shows without a reload.
        await page.GetByRole(AriaRole.Link, new() { Name = "Status" }).ClickAsync();
        await BrowserSession.WaitInteractiveAsync(page);
        var card = page.GetByTestId("line-1");
        await Assertions.Expect(card.GetByTestId("subscription")).ToHaveTextAsync("active", new() { Timeout = BrowserSession.Bound });
        var dnd = page.GetByTestId("feature-1-dnd");
        await Assertions.Expect(dnd.GetByTestId("standing")).ToHaveTextAsync("confirmed", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(dnd.GetByTestId("origin")).ToHaveTextAsync("server");

        // DND from the page: sent by SUBSCRIBE, confirmed by the server's NOTIFY.
        await dnd.GetByTestId("toggle").ClickAsync();
        await Assertions.Expect(dnd.GetByTestId("value")).ToContainTextAsync("On", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(dnd.GetByTestId("standing")).ToHaveTextAsync("confirmed", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(dnd.GetByTestId("origin")).ToHaveTextAsync("web");

        await SetForwardAsync(page, "forwardAlways", "2424", null);
        await SetForwardAsync(page, "forwardBusy", "3000", null);
        await SetForwardAsync(page, "forwardNoAnswer", "5000", 3);
        await Assertions.Expect(page.GetByTestId("feature-1-forwardNoAnswer").GetByTestId("rings")).ToContainTextAsync("3 rings (18 s)");

        // sipp checked every Set document (DND, then each forward) and ended with success.
        await sipp.AssertPassedAsync(SippBound);
    }

    private static async Task SetForwardAsync(IPage page, string feature, string target, int? rings)
    {
        var row = page.GetByTestId($"feature-1-{feature}");
        await row.GetByTestId("enabled").CheckAsync();
        await BrowserSession.SetAsync(row.GetByTestId("target"), target);
        if (rings is { } count)
        {
            await BrowserSession.SetAsync(row.GetByTestId("ring-count"), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await row.GetByTestId("apply").ClickAsync();
        await Assertions.Expect(row.GetByTestId("value")).ToContainTextAsync(target, new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(row.GetByTestId("standing")).ToHaveTextAsync("confirmed", new() { Timeout = BrowserSession.Bound });
    }
}
