using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Phone.TestSupport;
using Phone.Web.Hosting;
using Phone.Web.Https;

namespace Phone.Web.Tests.Https;

/// <summary>
/// The HTTPS rules of the pipeline, on the test server (which takes the request's scheme from
/// the client's address): the redirect, HSTS, Secure cookies, the default URLs and the
/// fingerprint on the home page. Real TLS is tested in tests/Phone.E2E.Tests/Https.
/// </summary>
public sealed class HttpsPolicyTests
{
    // Not localhost: ASP.NET Core never sends HSTS for localhost or the loopback addresses.
    private static readonly Uri Https = new("https://phone.test");
    private static readonly Uri Http = new("http://phone.test");

    private static PhoneWebFactory RequiringHttps() =>
        new PhoneWebFactory().WithSetting(WebHttpsKeys.RequireHttps, "true").WithSetting("https_port", "5443");

    private static HttpClient Client(PhoneWebFactory factory, Uri address) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = address, AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task With_require_https_plain_http_is_redirected_and_https_responses_carry_hsts()
    {
        using var factory = RequiringHttps();
        using var http = Client(factory, Http);
        using var https = Client(factory, Https);

        var redirected = await http.GetAsync("/login?ReturnUrl=%2Flines");
        var secure = await https.GetAsync("/login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://phone.test:5443/login?ReturnUrl=%2Flines", redirected.Headers.Location!.ToString());
        Assert.False(redirected.Headers.Contains("Strict-Transport-Security"), "HSTS is sent over HTTPS only (RFC 6797 7.2)");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task With_require_https_the_health_check_still_answers_over_http()
    {
        using var factory = RequiringHttps();
        using var http = Client(factory, Http);

        var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_require_https_both_schemes_are_served_and_no_hsts_is_sent()
    {
        using var factory = new PhoneWebFactory();
        using var http = Client(factory, Http);
        using var https = Client(factory, Https);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/login")).StatusCode);
        var secure = await https.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.False(secure.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://phone.test", true)]
    [InlineData("http://phone.test", false)]
    public async Task The_sign_in_and_antiforgery_cookies_are_secure_exactly_when_the_request_is_https(string address, bool secure)
    {
        using var factory = new PhoneWebFactory();
        using var client = Client(factory, new Uri(address));

        var form = await client.GetAsync("/login");
        var signIn = await PhoneWebFactory.PostLoginAsync(client, PhoneWebFactory.AdminUser, PhoneWebFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var auth = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("FeatureSync.Auth=", StringComparison.Ordinal));
        Assert.Equal(secure, HasSecure(antiforgery));
        Assert.Equal(secure, HasSecure(auth));
    }

    [Fact]
    public async Task The_home_page_shows_the_fingerprint_of_the_certificate_in_the_data_directory()
    {
        using var factory = new PhoneWebFactory();
        using var client = await factory.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/");

        var file = Path.Combine(factory.DataDirectory, GeneratedCertificateFile.FileName);
        using var stored = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(file);
        Assert.Contains($"data-testid=\"https-fingerprint\">{TestCertificates.Fingerprint(stored)}<", html);
    }

    [Fact]
    public void A_bad_require_https_value_stops_start_up_naming_the_key()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [WebHttpsKeys.RequireHttps] = "yes" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => HttpsPolicy.FromConfiguration(configuration));

        Assert.Contains(WebHttpsKeys.RequireHttps, error.Message);
    }

    [Fact]
    public void By_default_the_phone_listens_on_http_5080_and_https_5443_and_given_urls_win()
    {
        var plain = WebApplication.CreateBuilder([]).UseDefaultUrls();
        var given = WebApplication.CreateBuilder(["--urls", "https://127.0.0.1:9443"]).UseDefaultUrls();

        Assert.Equal("http://localhost:5080;https://localhost:5443", plain.Configuration["urls"]);
        Assert.Equal("https://127.0.0.1:9443", given.Configuration["urls"]);
    }

    private static bool HasSecure(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Contains("secure", StringComparer.OrdinalIgnoreCase);
}
