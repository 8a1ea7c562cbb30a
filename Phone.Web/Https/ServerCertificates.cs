using System.Security.Cryptography.X509Certificates;

namespace Phone.Web.Https;

internal static class ServerCertificates
{
    /// <summary>
    /// A certificate read from PEM has an ephemeral key, which Windows' TLS (SChannel) cannot
    /// use; a PKCS#12 round trip gives it a usable one. Linux and macOS take it as it is.
    /// </summary>
    public static X509Certificate2 Usable(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
