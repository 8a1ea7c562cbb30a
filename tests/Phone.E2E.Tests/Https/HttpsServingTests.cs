using System.Net;
using System.Security.Cryptography.X509Certificates;
using Phone.Interop.Tests.Reliability;
using Phone.TestSupport;
using Phone.Web.Https;

namespace Phone.E2E.Tests.Https;

/// <summary>
/// Real TLS on Kestrel: the real Phone.Web process listening on HTTP and a free HTTPS port,
/// reached by a client that pins the certificate's fingerprint. WebApplicationFactory's test
/// server has no TLS, so these start the program itself (tests/Phone.Interop.Tests/Reliability/PhoneWebProcess).
/// </summary>
public sealed class HttpsServingTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // The certificate line is Information; the process otherwise logs warnings only.
    private static readonly Dictionary<string, string> ShowCertificateLine = new() { ["Logging:LogLevel:Phone.Web.Https"] = "Information" };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "featuresync-https-e2e", Guid.NewGuid().ToString("N"));

    private string DataDirectory => Path.Combine(_root, "data");

    private string GeneratedFile => Path.Combine(DataDirectory, GeneratedCertificateFile.FileName);

    [Fact]
    public async Task Signs_in_over_https_pinned_to_the_generated_certificate_and_a_second_start_serves_the_same_one()
    {
        string fingerprint;
        await using (var web = await PhoneWebProcess.StartAsync(DataDirectory, ShowCertificateLine, https: true))
        {
            fingerprint = Fingerprint(GeneratedFile);
            using var pinned = new PinnedHttpsClient(web.HttpsAddress!, fingerprint);

            var signIn = await PhoneWebFactory.PostLoginAsync(pinned.Client, PhoneWebFactory.AdminUser, PhoneWebFactory.AdminPassword);

            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("FeatureSync.Auth=", StringComparison.Ordinal));
            Assert.Contains("secure", cookie.Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
            var home = await pinned.Client.GetStringAsync("/");
            Assert.Contains(fingerprint, home);
            Assert.Equal(HttpStatusCode.OK, (await pinned.Client.GetAsync("/api/status")).StatusCode);
            AssertGeneratedCertificate(pinned.Served!);
            Assert.Contains($"HTTPS certificate (generated now, {GeneratedFile}) SHA-256 fingerprint: {fingerprint}", web.Output);

            // The pin is what lets the client in: pinned to another fingerprint, the handshake fails.
            using var other = new PinnedHttpsClient(web.HttpsAddress!, string.Join(':', Enumerable.Repeat("00", 32)));
            await Assert.ThrowsAsync<HttpRequestException>(() => other.Client.GetAsync("/healthz"));
        }

        await using var again = await PhoneWebProcess.StartAsync(DataDirectory, ShowCertificateLine, https: true);
        using var repinned = new PinnedHttpsClient(again.HttpsAddress!, fingerprint);
        Assert.Equal(HttpStatusCode.OK, (await repinned.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(fingerprint, TestCertificates.Fingerprint(repinned.Served!));
        Assert.Contains($"HTTPS certificate (generated earlier, {GeneratedFile}) SHA-256 fingerprint: {fingerprint}", again.Output);
    }

    [Fact]
    public async Task Require_https_redirects_http_to_the_https_port_and_https_responses_carry_hsts()
    {
        await using var web = await PhoneWebProcess.StartAsync(DataDirectory,
            new Dictionary<string, string> { [WebHttpsKeys.RequireHttps] = "true" }, https: true);
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = web.Address };
        using var pinned = new PinnedHttpsClient(web.HttpsAddress!, Fingerprint(GeneratedFile));

        var redirected = await plain.GetAsync("/login?ReturnUrl=%2Flines");
        // Not localhost or a loopback address, which ASP.NET Core leaves out of HSTS on purpose.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login") { Headers = { Host = "phone.test" } };
        var secure = await pinned.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal(new Uri(web.HttpsAddress!, "/login?ReturnUrl=%2Flines"), redirected.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        // The container's health check still gets its answer over plain HTTP.
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task An_own_pfx_certificate_is_served_instead_of_the_generated_one()
    {
        using var own = TestCertificates.Create();
        var path = TestCertificates.WritePfx(own, _root, "own-pfx-pass");
        var settings = new Dictionary<string, string>(ShowCertificateLine)
        {
            [WebHttpsKeys.CertificatePath] = path,
            [WebHttpsKeys.CertificatePassword] = "own-pfx-pass",
        };

        await using var web = await PhoneWebProcess.StartAsync(DataDirectory, settings, https: true);
        using var pinned = new PinnedHttpsClient(web.HttpsAddress!, TestCertificates.Fingerprint(own));

        Assert.Equal(HttpStatusCode.OK, (await pinned.Client.GetAsync("/login")).StatusCode);
        Assert.Equal(own.Thumbprint, pinned.Served!.Thumbprint);
        Assert.Contains($"HTTPS certificate (configured, {path}) SHA-256 fingerprint: {TestCertificates.Fingerprint(own)}", web.Output);
        Assert.False(File.Exists(GeneratedFile), "nothing is generated when a certificate is configured");
    }

    [Fact]
    public async Task A_bad_certificate_path_stops_start_up_with_a_message_naming_the_key()
    {
        var missing = Path.Combine(_root, "no-such.pfx");

        await using var web = await PhoneWebProcess.StartAsync(DataDirectory,
            new Dictionary<string, string> { [WebHttpsKeys.CertificatePath] = missing }, waitUntilHealthy: false, https: true);
        var exitCode = await web.WaitForExitAsync(Bound);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{WebHttpsKeys.CertificatePath}: there is no certificate file at '{missing}'", web.Output);
    }

    private static void AssertGeneratedCertificate(X509Certificate2 served)
    {
        var names = Assert.Single(served.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        using var key = served.GetECDsaPublicKey();
        Assert.Equal("1.2.840.10045.3.1.7", key!.ExportParameters(false).Curve.Oid.Value); // NIST P-256
        Assert.InRange((served.NotAfter - served.NotBefore).TotalDays, 3652, 3653);
    }

    private static string Fingerprint(string pemFile)
    {
        using var certificate = X509Certificate2.CreateFromPemFile(pemFile);
        return TestCertificates.Fingerprint(certificate);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The temp cleaner gets it.
        }
    }
}
