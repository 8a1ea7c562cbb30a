using System.Security.Cryptography.X509Certificates;

namespace Phone.Web.Https;

/// <summary>
/// The certificate every HTTPS address of the web admin serves (unless Kestrel's own
/// configuration names one for an endpoint), with the fingerprint the console and the home
/// page show so an admin can check what the browser was given.
/// </summary>
public sealed class WebCertificate
{
    public WebCertificate(X509Certificate2 certificate, string path, WebCertificateOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificate = certificate;
        Path = path;
        Origin = origin;
        Fingerprint = CertificateFingerprint.Sha256(certificate);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    public WebCertificateOrigin Origin { get; }

    /// <summary>SHA-256, colon-separated hex.</summary>
    public string Fingerprint { get; }
}
