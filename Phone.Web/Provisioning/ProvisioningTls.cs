using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Phone.Web.Provisioning;

/// <summary>
/// Server certificate check of a provisioning fetch: what the system store trusts is trusted;
/// when the admin gave a CA, a chain to that CA is trusted too. A wrong host name never is.
/// </summary>
public static class ProvisioningTls
{
    public static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors,
        X509Certificate2Collection? extraRoots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        // Only an untrusted chain may be rescued by the extra CA; a name mismatch or no certificate may not.
        if (extraRoots is null || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
        // A private provisioning CA seldom publishes revocation lists; the phone could not reach them anyway.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
