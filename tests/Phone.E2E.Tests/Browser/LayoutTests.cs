using Microsoft.Playwright;
using Phone.TestSupport;
using Phone.Web.Demo;

namespace Phone.E2E.Tests.Browser;

/// <summary>
/// No page scrolls sideways on a laptop (1280x800) or a phone (390x844), in English and
/// Chinese, with long labels, long SIP targets, several lines and a diagnosis report open.
/// Wide content (the SIP ladder, long tables) must scroll inside its own box, never the page.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LayoutTests(ChromiumFixture chromium)
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];

    /// <summary>The pages with seeded content, and the test id each shows once it is rendered.</summary>
    private static readonly (string Path, string WaitFor)[] SeededPages =
    [
        ("", "feature-1-dnd"), ("lines/1", "save"), ("profiles/1", "profile-editor"), ("provisioning", "save"),
        ("config", "download"), ("troubleshooting/1", "ladder"), ("account/password", "change"),
    ];

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task No_page_with_realistic_content_scrolls_sideways_on_a_laptop_or_a_phone(string locale)
    {
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        await RealisticContent.SeedAsync(factory);
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = locale });
        var page = await context.NewPageAsync();
        var overflows = new List<string>();

        await page.GotoAsync(new Uri(baseAddress, "login").ToString());
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });
        await CheckAtEverySizeAsync(page, "login", locale, overflows);

        await BrowserSession.SignInAsync(page, baseAddress);
        foreach (var (path, waitFor) in SeededPages)
        {
            // Each page is opened on a laptop, as ScreenshotTests does, then checked at every size.
            await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
            await page.GotoAsync(new Uri(baseAddress, path).ToString());
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId(waitFor).First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });
            if (path == "troubleshooting/1")
            {
                // An opened message shows its headers and body under the ladder.
                await RealisticContent.OpenNotifyBodyAsync(page);
            }
            if (path == "")
            {
                await CheckBadgeKeepsItsDistanceAsync(page, locale, overflows);
            }
            await CheckAtEverySizeAsync(page, "/" + path, locale, overflows);
        }

        Assert.True(overflows.Count == 0, "Layout problems:\n" + string.Join("\n", overflows));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task Neither_a_diagnosis_report_nor_the_server_console_scrolls_sideways_in_demo_mode(string locale)
    {
        using var factory = new PhoneWebFactory(realServer: true).WithSetting(DemoMode.EnabledKey, "true");
        var baseAddress = factory.StartRealServer();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = locale });
        var page = await context.NewPageAsync();
        var overflows = new List<string>();
        await BrowserSession.SignInAsync(page, baseAddress);
        await BrowserSession.WaitInteractiveAsync(page);
        await BrowserSession.RunWorkingDiagnosisAsync(page, 1);
        await CheckAtEverySizeAsync(page, "/ with a diagnosis report", locale, overflows);

        await page.GotoAsync(new Uri(baseAddress, "server-console").ToString());
        await BrowserSession.WaitInteractiveAsync(page);
        await CheckAtEverySizeAsync(page, "/server-console", locale, overflows);

        Assert.True(overflows.Count == 0, "Layout problems:\n" + string.Join("\n", overflows));
    }

    /// <summary>
    /// The registration badge and its detail ("200 OK") stand apart: Blazor trims the spaces
    /// between elements, so without the CSS gap they read as "Registered200 OK".
    /// </summary>
    private static async Task CheckBadgeKeepsItsDistanceAsync(IPage page, string locale, List<string> problems)
    {
        var line = page.GetByTestId("line-1");
        var badge = await line.GetByTestId("registration").BoundingBoxAsync();
        var detail = await line.GetByTestId("registration-detail").BoundingBoxAsync();
        Assert.NotNull(badge);
        Assert.NotNull(detail);
        var sameRow = Math.Abs(detail.Y - badge.Y) < badge.Height;
        var gap = sameRow ? detail.X - (badge.X + badge.Width) : detail.Y - (badge.Y + badge.Height);
        if (gap < 4)
        {
            problems.Add($"/ in {locale}: the registration detail is {gap:0.#} px from its badge");
        }
    }

    /// <summary>Resizes the viewport to each size and notes where the document is wider than the window.</summary>
    private static async Task CheckAtEverySizeAsync(IPage page, string name, string locale, List<string> overflows)
    {
        foreach (var (width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            // Reading scrollWidth forces layout at the new size, so no wait is needed.
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            if (widths[0] > widths[1])
            {
                overflows.Add($"{name} at {width}x{height} in {locale}: scrollWidth {widths[0]} > innerWidth {widths[1]}; " +
                    await page.EvaluateAsync<string>(WidestElements));
            }
        }
    }

    /// <summary>Names the innermost elements that reach past the window's right edge, so a failure says what to fix.</summary>
    private const string WidestElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '')
                + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + ' right ' + Math.round(e.getBoundingClientRect().right))
            .join(', ')
        """;
}
