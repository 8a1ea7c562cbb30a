using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Phone.Storage.Provisioning;

/// <summary>Reads the extra CA an admin pastes as PEM: one or more certificates, nothing else.</summary>
public static class ProvisioningCertificates
{
    /// <summary>The certificates of <paramref name="pem"/>, or null when it holds none or does not parse.</summary>
    public static X509Certificate2Collection? Parse(string pem)
    {
        if (string.IsNullOrWhiteSpace(pem) || !pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            return null;
        }
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }
        return certificates.Count > 0 ? certificates : null;
    }
}
