using Microsoft.Playwright;
using Phone.TestSupport;
using Phone.Web.Demo;

namespace Phone.E2E.Tests.Browser;

/// <summary>
/// Visits every main page with realistic content and screenshots it. The pictures go to a
/// temporary folder; with <c>FEATURESYNC_SCREENSHOTS=1</c> they replace the README's
/// pictures in <c>docs/screenshots/</c> (an opt-in, so test runs never dirty the tree).
/// A second server in demo mode runs a diagnosis for the report picture.
/// The Chinese pictures need a CJK font for Chromium (Debian: fonts-wqy-zenhei).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ScreenshotTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Main_pages_render_and_are_captured()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        await RealisticContent.SeedAsync(factory);
        var folder = Environment.GetEnvironmentVariable("FEATURESYNC_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot.Path, "docs", "screenshots")
            : Path.Combine(factory.Root, "screenshots");
        Directory.CreateDirectory(folder);

        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, "login").ToString());
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "login.png") });
        await BrowserSession.SignInAsync(page, baseAddress);

        await CaptureAsync(page, baseAddress, "", folder, "status.png", "feature-1-dnd");
        await CaptureAsync(page, baseAddress, "lines/1", folder, "lines.png", "save");
        await CaptureAsync(page, baseAddress, "profiles/1", folder, "profiles.png", "profile-editor");
        await CaptureAsync(page, baseAddress, "troubleshooting/1", folder, "troubleshooting.png", "ladder", async () =>
        {
            await RealisticContent.OpenNotifyBodyAsync(page);
        });
        await CaptureAsync(page, baseAddress, "config", folder, "config.png", "download", async () =>
        {
            // A file with one bad value: the page lists the error by line and changes nothing.
            await page.GetByTestId("upload").SetInputFilesAsync(new FilePayload
            {
                Name = "featuresync.cfg",
                MimeType = "text/plain",
                Buffer = System.Text.Encoding.UTF8.GetBytes("SIP1 Label :Reception\nSIP1 Port :99999\nPBX1 Seconds Per Ring :6\n"),
            });
            await Assertions.Expect(page.GetByTestId("upload-errors")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });
        });

        await page.GotoAsync(new Uri(baseAddress, "culture?name=zh-CN&returnUrl=%2F").ToString());
        await CaptureAsync(page, baseAddress, "", folder, "status-zh.png", "feature-1-dnd");
        await page.SetViewportSizeAsync(390, 844);
        await CaptureAsync(page, baseAddress, "", folder, "status-phone-zh.png", "feature-1-dnd");
        await CaptureDiagnosisAsync(chromium, folder);

        foreach (var name in new[] { "login", "status", "lines", "profiles", "troubleshooting", "config", "status-zh", "status-phone-zh", "diagnosis" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, name + ".png")).Length > 1000, name);
        }
    }

    /// <summary>A diagnosis report on the Status page, run in demo mode against the built-in simulator.</summary>
    private static async Task CaptureDiagnosisAsync(ChromiumFixture chromium, string folder)
    {
        using var factory = new PhoneWebFactory(realServer: true).WithSetting(DemoMode.EnabledKey, "true");
        var baseAddress = factory.StartRealServer();
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, baseAddress);
        await BrowserSession.WaitInteractiveAsync(page);
        await BrowserSession.RunWorkingDiagnosisAsync(page, 1);
        await page.GetByTestId("line-1").ScreenshotAsync(new() { Path = Path.Combine(folder, "diagnosis.png") });
    }

    private static async Task CaptureAsync(IPage page, Uri baseAddress, string path, string folder, string file, string waitFor,
        Func<Task>? prepare = null)
    {
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await BrowserSession.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId(waitFor)).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });
        if (prepare is not null)
        {
            await prepare();
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file), FullPage = true });
    }
}
