using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Phone.TestSupport;
using Phone.Web.Https;

namespace Phone.Web.Tests.Https;

/// <summary>The certificate the phone makes for itself on the first start, and how it is kept.</summary>
public sealed class GeneratedCertificateTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "featuresync-https", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private WebCertificate Load(string urls = "http://localhost:5080;https://localhost:5443") =>
        WebCertificateSource.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build(),
            _directory, _time);

    [Fact]
    public void Is_a_self_signed_ecdsa_p256_server_certificate_valid_ten_years()
    {
        var certificate = Load().Certificate;

        Assert.Equal(certificate.SubjectName.RawData, certificate.IssuerName.RawData);
        using var key = certificate.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal("1.2.840.10045.3.1.7", key!.ExportParameters(false).Curve.Oid.Value); // NIST P-256
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(SelfSignedCertificate.Validity, certificate.NotAfter - certificate.NotBefore);
        Assert.InRange((certificate.NotAfter.ToUniversalTime() - _time.GetUtcNow().UtcDateTime).TotalDays, 3650, 3653);
        var usage = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], usage.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.False(Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
    }

    [Fact]
    public void Names_the_host_localhost_loopback_and_every_explicit_listen_address()
    {
        var certificate = Load("http://192.0.2.10:80;https://phone.example:8443;https://+:9443;http://[2001:db8::7]:80;https://0.0.0.0:1").Certificate;

        var san = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        var dns = san.EnumerateDnsNames().ToList();
        var addresses = san.EnumerateIPAddresses().ToList();
        Assert.Contains("localhost", dns);
        Assert.Contains("phone.example", dns);
        if (Uri.CheckHostName(Dns.GetHostName()) == UriHostNameType.Dns)
        {
            Assert.Contains(Dns.GetHostName(), dns);
        }
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::7")], addresses);
    }

    [Fact]
    public void Is_stored_in_the_data_directory_readable_by_the_owner_only_and_reused()
    {
        var first = Load();
        var second = Load();

        Assert.Equal(Path.Combine(_directory, GeneratedCertificateFile.FileName), first.Path);
        Assert.Equal(WebCertificateOrigin.Created, first.Origin);
        Assert.Equal(WebCertificateOrigin.Stored, second.Origin);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal(TestCertificates.Fingerprint(first.Certificate), first.Fingerprint);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", first.Fingerprint);
        var text = File.ReadAllText(first.Path);
        Assert.Contains("-----BEGIN CERTIFICATE-----", text);
        Assert.Contains("-----BEGIN PRIVATE KEY-----", text);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.Path));
        }
        Assert.Equal([GeneratedCertificateFile.FileName], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void An_expired_certificate_is_replaced_by_a_new_one()
    {
        var first = Load();
        _time.Advance(TimeSpan.FromDays(3660));

        var renewed = Load();

        Assert.Equal(WebCertificateOrigin.Created, renewed.Origin);
        Assert.NotEqual(first.Fingerprint, renewed.Fingerprint);
        Assert.True(renewed.Certificate.NotAfter > _time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public void A_damaged_file_stops_start_up_instead_of_changing_the_fingerprint_silently()
    {
        var path = Load().Path;
        File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        var error = Assert.Throws<InvalidOperationException>(() => Load());

        Assert.Contains(path, error.Message);
        Assert.Contains(WebHttpsKeys.CertificatePath, error.Message);
    }

    [Fact]
    public void The_fingerprint_is_sha256_of_the_der_bytes_in_colon_separated_hex()
    {
        using var certificate = TestCertificates.Create();
        var expected = string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, CertificateFingerprint.Sha256(certificate));
        Assert.Equal(95, expected.Length);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
