using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Provisioning;
using Phone.TestSupport;
using Phone.Web.Provisioning;

namespace Phone.Web.Tests.Provisioning;

/// <summary>
/// HTTPS against a real Kestrel on loopback whose certificate comes from a CA made in the test:
/// refused without the CA, applied with it handed to the phone as PEM.
/// </summary>
public sealed class ProvisioningHttpsTests : IAsyncLifetime
{
    private readonly PhoneWebFactory _factory = new();
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _leaf;
    private ProvisioningServer _server = null!;

    public ProvisioningHttpsTests() => (_ca, _leaf) = CreateCaAndLeaf();

    private ProvisioningService Service => _factory.Services.GetRequiredService<ProvisioningService>();

    public async ValueTask InitializeAsync()
    {
        _ = _factory.Services;
        _server = await ProvisioningServer.StartAsync(_leaf);
        _server.Files["desk1"] = "SIP1 Label :Over TLS\n";
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _factory.Dispose();
        _ca.Dispose();
        _leaf.Dispose();
    }

    [Fact]
    public async Task Without_the_ca_tls_fails_once_and_with_it_the_file_is_applied()
    {
        var url = new Uri(_server.Https!, "/cfg/desk1.cfg").ToString();
        await Service.SaveAsync(new ProvisioningSettings { Url = url, IntervalHours = 0 }, default);

        var refused = await Service.FetchNowAsync("test", default);

        Assert.Equal((ProvisioningOutcome.NetworkError, 1), (refused.Attempt.Outcome, refused.Attempt.Tries));
        Assert.StartsWith("TLS failed", refused.Attempt.Detail, StringComparison.Ordinal);

        var saved = await Service.SaveAsync(new ProvisioningSettings { Url = url, IntervalHours = 0, CaCertificatePem = _ca.ExportCertificatePem() }, default);
        Assert.True(saved.IsSaved);
        var applied = await Service.FetchNowAsync("test", default);

        Assert.Equal(ProvisioningOutcome.Applied, applied.Attempt.Outcome);
        Assert.Equal("Over TLS", (await _factory.Services.GetRequiredService<Phone.Storage.Lines.LineRepository>().GetAsync(1))!.Label);
    }

    [Fact]
    public void The_extra_ca_never_excuses_a_wrong_name()
    {
        var roots = new X509Certificate2Collection(_ca);

        Assert.True(ProvisioningTls.Validate(_leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, roots));
        Assert.False(ProvisioningTls.Validate(_leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, null));
        Assert.False(ProvisioningTls.Validate(_leaf, null,
            SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, roots));
        using var other = TestCertificates.Create("other-ca.test");
        Assert.False(ProvisioningTls.Validate(_leaf, null, SslPolicyErrors.RemoteCertificateChainErrors,
            new X509Certificate2Collection(other)));
    }

    private static (X509Certificate2 Ca, X509Certificate2 Leaf) CreateCaAndLeaf()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=FeatureSync Test Provisioning CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = leafRequest.Create(ca, now.AddDays(-1), now.AddDays(10), RandomNumberGenerator.GetBytes(8));
        // Kestrel on Linux wants the key in an exportable, reloadable form: round-trip through PFX.
        using var withKey = signed.CopyWithPrivateKey(leafKey);
        var leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
        return (ca, leaf);
    }
}
