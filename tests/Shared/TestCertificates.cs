using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Phone.TestSupport;

/// <summary>
/// Certificates an admin might bring, made in the test, and the fingerprint worked out
/// independently of the product's code (SHA-256 over the certificate's DER bytes).
/// </summary>
public static class TestCertificates
{
    /// <summary>A self-signed RSA server certificate for <paramref name="name"/>, localhost and 127.0.0.1.</summary>
    public static X509Certificate2 Create(string name = "admin-own.test")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(90));
    }

    /// <summary>Writes the certificate with its key as a password-protected PFX and returns its path.</summary>
    public static string WritePfx(X509Certificate2 certificate, string directory, string password)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "own.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>Colon-separated upper-case hex of SHA-256 over the DER bytes, as browsers show it.</summary>
    public static string Fingerprint(X509Certificate cert) =>
        string.Join(':', SHA256.HashData(cert.GetRawCertData()).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
