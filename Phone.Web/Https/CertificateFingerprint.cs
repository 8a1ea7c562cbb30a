using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Phone.Web.Https;

/// <summary>
/// A certificate's SHA-256 fingerprint written as browsers' certificate viewers write it
/// (upper-case hex pairs separated by colons), so an admin can compare them at a glance.
/// </summary>
public static class CertificateFingerprint
{
    public static string Sha256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var hex = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        return string.Join(':', hex.Chunk(2).Select(pair => new string(pair)));
    }
}
