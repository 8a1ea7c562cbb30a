using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Phone.Web.Hosting;

namespace Phone.Web.Https;

/// <summary>
/// The phone's own HTTPS certificate, made the way desk phones ship theirs: self-signed,
/// ECDSA P-256, valid for ten years, for server authentication only.
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>Ten years, leap days included.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(3653);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    public static X509Certificate2 Create(CertificateSubjectNames names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(names.HostName);
        subject.AddOrganizationName(ProductInfo.Name);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names.DnsNames)
        {
            alternativeNames.AddDnsName(name);
        }
        foreach (var address in names.Addresses)
        {
            alternativeNames.AddIpAddress(address);
        }
        request.CertificateExtensions.Add(alternativeNames.Build());
        // A day back: a phone whose clock runs a little behind still accepts its own certificate.
        var notBefore = now.AddDays(-1);
        return request.CreateSelfSigned(notBefore, notBefore + Validity);
    }
}
