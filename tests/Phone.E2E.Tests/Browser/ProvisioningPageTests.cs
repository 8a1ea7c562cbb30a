using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Phone.Interop.Tests.Reliability;
using Phone.Web.Tests.Provisioning;

namespace Phone.E2E.Tests.Browser;

/// <summary>
/// The Provisioning page in Debian Chromium against the real Phone.Web process, fetching a file
/// that Debian's nginx serves on loopback: the attempt and its outcome appear on the page and the
/// line's setting is changed.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ProvisioningPageTests(ChromiumFixture chromium) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "featuresync-provisioning-browser", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Setting_the_url_and_fetching_now_shows_the_applied_attempt_and_changes_the_line()
    {
        await using var nginx = await NginxServer.StartAsync();
        nginx.Put("cfg/desk1.cfg", "SIP1 Label :Browser Provisioned\n");
        // Development: the framework's script (blazor.web.js) is served from the build output.
        await using var web = await PhoneWebProcess.StartAsync(_data, new Dictionary<string, string> { ["environment"] = "Development" });
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();

        await BrowserSession.SignInAsync(page, web.Address, "/provisioning");
        await BrowserSession.WaitInteractiveAsync(page);
        await BrowserSession.SetAsync(page.GetByTestId("url"), new Uri(nginx.Http, "cfg/{id}.cfg").ToString().Replace("%7Bid%7D", "{id}", StringComparison.Ordinal));
        await BrowserSession.SetAsync(page.GetByTestId("device-id"), "desk1");
        await BrowserSession.SetAsync(page.GetByTestId("interval"), "0");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });

        await page.GetByTestId("fetch").ClickAsync();

        await Assertions.Expect(page.GetByTestId("fetch-result")).ToHaveTextAsync("Applied: lines 1", new() { Timeout = BrowserSession.Bound });
        var attempt = page.GetByTestId("attempt").First;
        await Assertions.Expect(attempt).ToContainTextAsync("Applied");
        await Assertions.Expect(attempt).ToContainTextAsync("200");
        await Assertions.Expect(attempt).ToContainTextAsync("/cfg/desk1.cfg");
        await Assertions.Expect(page.GetByTestId("last-applied")).ToContainTextAsync("lines 1");
        Assert.Equal([200], nginx.Requests("/cfg/desk1.cfg"));

        using var line = await web.Client.GetFromJsonAsync<JsonDocument>("/api/lines/1");
        Assert.Equal("Browser Provisioned", line!.RootElement.GetProperty("label").GetString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The process never created it.
        }
    }
}
