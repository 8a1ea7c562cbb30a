using Microsoft.Playwright;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Browser;

/// <summary>Sessions end when they should, in two real browsers: pages already open included.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SessionTests(ChromiumFixture chromium)
{
    private const string NewPassword = "changed-in-a-browser";

    [Fact]
    public async Task Changing_the_password_ends_the_other_browsers_open_page_and_keeps_this_browser_signed_in()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        await using var browsers = await TwoBrowsers.SignInAsync(chromium, factory, "/account/password");
        var (page, other) = (browsers.Mine, browsers.Theirs);
        await BrowserSession.WaitInteractiveAsync(page);
        await BrowserSession.WaitInteractiveAsync(other);

        await BrowserSession.SetAsync(page.GetByTestId("current"), PhoneWebFactory.AdminPassword);
        await BrowserSession.SetAsync(page.GetByTestId("next"), NewPassword);
        await BrowserSession.SetAsync(page.GetByTestId("confirm"), NewPassword);
        await page.GetByTestId("change").ClickAsync();
        await Assertions.Expect(page.GetByTestId("changed")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });

        // The other browser's open page: its next event is not run, it is sent to the login page.
        await BrowserSession.SetAsync(other.GetByTestId("current"), "typed after the change");
        // The page's URL is watched rather than a load event awaited: Blazor's forced reload can
        // abort one navigation for the next (net::ERR_ABORTED), which is not a failure.
        var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(BrowserSession.Bound);
        while (new Uri(other.Url).AbsolutePath != "/login" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal("/login", new Uri(other.Url).AbsolutePath);
        Assert.Equal("/login", await browsers.LoadAsync(other, "lines"));

        // This browser stays signed in, on new page loads too.
        Assert.Equal("/lines", await browsers.LoadAsync(page, "lines"));
        Assert.Equal("/config", await browsers.LoadAsync(page, "config"));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_both_browsers()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        await using var browsers = await TwoBrowsers.SignInAsync(chromium, factory, "/lines");

        await browsers.Mine.GetByTestId("sign-out-everywhere").ClickAsync();

        await BrowserSession.WaitForPathAsync(browsers.Mine, "/login");
        Assert.Equal("/login", await browsers.LoadAsync(browsers.Theirs, "lines"));
        Assert.Equal("/login", await browsers.LoadAsync(browsers.Mine, "lines"));
    }

    /// <summary>Two browser contexts (separate cookie jars) signed in to one server.</summary>
    private sealed class TwoBrowsers(Uri baseAddress, IBrowserContext mine, IBrowserContext theirs, IPage minePage, IPage theirPage)
        : IAsyncDisposable
    {
        public IPage Mine => minePage;

        public IPage Theirs => theirPage;

        public static async Task<TwoBrowsers> SignInAsync(ChromiumFixture chromium, PhoneWebFactory factory, string path)
        {
            var baseAddress = factory.StartRealServer();
            var mine = await chromium.Browser.NewContextAsync();
            var theirs = await chromium.Browser.NewContextAsync();
            var browsers = new TwoBrowsers(baseAddress, mine, theirs, await mine.NewPageAsync(), await theirs.NewPageAsync());
            await BrowserSession.SignInAsync(browsers.Mine, baseAddress, path);
            await BrowserSession.SignInAsync(browsers.Theirs, baseAddress, path);
            return browsers;
        }

        /// <summary>Loads a page afresh and returns the path the browser ends on.</summary>
        public async Task<string> LoadAsync(IPage page, string relative)
        {
            await page.GotoAsync(new Uri(baseAddress, relative).ToString());
            return new Uri(page.Url).AbsolutePath;
        }

        public async ValueTask DisposeAsync()
        {
            await mine.DisposeAsync();
            await theirs.DisposeAsync();
        }
    }
}
