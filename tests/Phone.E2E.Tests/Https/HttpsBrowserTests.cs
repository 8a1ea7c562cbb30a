using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;
using Phone.E2E.Tests.Browser;
using Phone.Interop.Tests.Reliability;
using Phone.TestSupport;
using Phone.Web.Https;

namespace Phone.E2E.Tests.Https;

[Collection(ChromiumCollection.Name)]
public sealed class HttpsBrowserTests(ChromiumFixture chromium) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "featuresync-https-browser", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Chromium_signs_in_over_https_and_the_home_page_shows_the_certificate_fingerprint()
    {
        // Built, not published: only Development serves the framework's script (blazor.web.js)
        // from the build output, and the page needs it to become interactive.
        await using var web = await PhoneWebProcess.StartAsync(_data, new Dictionary<string, string> { ["environment"] = "Development" }, https: true);
        using var stored = X509Certificate2.CreateFromPemFile(Path.Combine(_data, GeneratedCertificateFile.FileName));
        // Only because the certificate is self-signed: the fingerprint on the page is the check.
        await using var context = await chromium.Browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, Locale = "en-US" });
        var page = await context.NewPageAsync();

        await BrowserSession.SignInAsync(page, web.HttpsAddress!);
        await BrowserSession.WaitInteractiveAsync(page);

        Assert.Equal("https", new Uri(page.Url).Scheme);
        await Assertions.Expect(page.GetByTestId("https-fingerprint")).ToHaveTextAsync(TestCertificates.Fingerprint(stored));
        // The Blazor circuit (a WebSocket) runs over the same TLS connection's origin.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("FeatureSync");
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
