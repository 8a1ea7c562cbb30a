using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Lines;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Browser;

[Collection(ChromiumCollection.Name)]
public sealed class AdminPagesTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Editing_a_line_saves_it_and_shows_validation_beside_the_field()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, baseAddress, "/lines/3");
        await BrowserSession.WaitInteractiveAsync(page);

        await BrowserSession.SetAsync(page.GetByTestId("user"), "bad user");
        await Assertions.Expect(page.Locator(".validation-message").First).ToContainTextAsync("user-part");

        await BrowserSession.SetAsync(page.GetByTestId("user"), "2003");
        await BrowserSession.SetAsync(page.GetByTestId("label"), "Warehouse");
        await BrowserSession.SetAsync(page.GetByTestId("registrar"), "127.0.0.1");
        await BrowserSession.SetAsync(page.GetByTestId("password"), "line-secret");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });

        var stored = await factory.Services.GetRequiredService<LineRepository>().GetAsync(3);
        Assert.Equal("Warehouse", stored!.Label);
        Assert.Equal("2003", stored.User);
        Assert.True(stored.HasPassword);
        await Assertions.Expect(page.GetByTestId("password")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_status_change_appears_live_without_reload()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, baseAddress);
        await BrowserSession.WaitInteractiveAsync(page);
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        // Line 7 is disabled in storage, so no SIP agent publishes over the test's snapshots.
        factory.Feed.Publish(LineStatuses.Registered(7, label: "Lobby").WithDnd(true, FeatureStanding.Pending, FeatureOrigin.Web));
        var dnd = page.GetByTestId("feature-7-dnd");
        await Assertions.Expect(dnd.GetByTestId("standing")).ToHaveTextAsync("pending", new() { Timeout = BrowserSession.Bound });

        factory.Feed.Publish(LineStatuses.Registered(7, label: "Lobby").WithDnd(true, FeatureStanding.Confirmed));
        await Assertions.Expect(dnd.GetByTestId("standing")).ToHaveTextAsync("confirmed", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(dnd.GetByTestId("origin")).ToHaveTextAsync("server");
        await Assertions.Expect(page.GetByTestId("line-7")).ToContainTextAsync("Lobby");
        Assert.Equal(0, navigations);
    }

    [Fact]
    public async Task Switching_to_Chinese_shows_Chinese_labels()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, baseAddress);
        await Assertions.Expect(page.Locator("nav.app-nav")).ToContainTextAsync("Troubleshooting");

        await page.GetByTestId("lang-zh").ClickAsync();

        await Assertions.Expect(page.Locator("nav.app-nav")).ToContainTextAsync("故障排查", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await BrowserSession.WaitInteractiveAsync(page);
        // The live circuit renders in Chinese too.
        await Assertions.Expect(page.Locator("dl.facts dt").Nth(1)).ToHaveTextAsync("SIP 监听地址");
        await page.GotoAsync(new Uri(baseAddress, "lines").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("SIP 线路");
    }

    [Fact]
    public async Task The_configuration_file_downloads()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        await factory.Services.GetRequiredService<LineRepository>().SaveAsync(new Phone.SipCore.Configuration.LineSettings
        {
            Number = 1, Label = "Front desk", Password = "kept-secret",
        });
        await using var context = await chromium.Browser.NewContextAsync(new() { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, baseAddress, "/config");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());

        Assert.Equal("featuresync.cfg", download.SuggestedFilename);
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path!);
        Assert.Contains("SIP1 Label :Front desk", text);
        Assert.DoesNotContain("kept-secret", text);
    }
}
