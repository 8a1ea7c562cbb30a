using System.Net;
using System.Security.Cryptography.X509Certificates;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Https;

/// <summary>
/// A browser-like client (cookies, no automatic redirects) that trusts exactly one certificate,
/// by its SHA-256 fingerprint, as an admin does after checking it: a self-signed certificate has
/// no chain to check, and any other certificate is refused.
/// </summary>
internal sealed class PinnedHttpsClient : IDisposable
{
    private readonly HttpClientHandler _handler;

    public PinnedHttpsClient(Uri address, string fingerprint)
    {
        _handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }
                Served = X509CertificateLoader.LoadCertificate(certificate.RawData);
                return TestCertificates.Fingerprint(certificate) == fingerprint;
            },
        };
        Client = new HttpClient(_handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>The certificate the server presented in the last handshake.</summary>
    public X509Certificate2? Served { get; private set; }

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }
}
