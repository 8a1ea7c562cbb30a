using Microsoft.Playwright;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Browser;

/// <summary>
/// One Debian Chromium for the whole test collection, driven by Playwright. Playwright never
/// downloads a browser here: it is pointed at /usr/bin/chromium (override with
/// FEATURESYNC_CHROMIUM), which test.sh installs; where it is missing the browser tests report Skipped.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    private IBrowser? _browser;

    /// <summary>The browser; the running test reports Skipped when Chromium is not installed.</summary>
    public IBrowser Browser
    {
        get
        {
            RequiredTool.SkipUnlessInstalled(Executable, "chromium");
            return _browser ?? throw new InvalidOperationException("Chromium was not started");
        }
    }

    public static string Executable =>
        Environment.GetEnvironmentVariable("FEATURESYNC_CHROMIUM") is { Length: > 0 } path ? path : DefaultExecutable;

    public async ValueTask InitializeAsync()
    {
        // A missing Chromium is not the fixture's failure: each test that asks for the browser reports Skipped.
        if (!File.Exists(Executable))
        {
            return;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
