using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Phone.TestSupport;
using Phone.Web.Https;

namespace Phone.Web.Tests.Https;

/// <summary>The admin's own certificate (PFX or PEM) replaces the generated one; a bad one stops start-up.</summary>
public sealed class ConfiguredCertificateTests : IDisposable
{
    private const string Password = "pfx-pass-4711";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "featuresync-https", Guid.NewGuid().ToString("N"));

    private string DataDirectory => Path.Combine(_directory, "data");

    private WebCertificate Load(Dictionary<string, string?> settings) =>
        WebCertificateSource.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), DataDirectory, TimeProvider.System);

    [Fact]
    public void A_pfx_with_its_password_is_served_instead_of_the_generated_one()
    {
        using var own = TestCertificates.Create();
        var path = TestCertificates.WritePfx(own, _directory, Password);

        var loaded = Load(new() { [WebHttpsKeys.CertificatePath] = path, [WebHttpsKeys.CertificatePassword] = Password });

        Assert.Equal(WebCertificateOrigin.Configured, loaded.Origin);
        Assert.Equal(TestCertificates.Fingerprint(own), loaded.Fingerprint);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.False(Directory.Exists(DataDirectory), "no certificate is generated when one is configured");
    }

    [Fact]
    public void A_pem_certificate_loads_with_its_key_in_a_second_file_or_in_the_same_file()
    {
        using var own = TestCertificates.Create();
        using var key = own.GetRSAPrivateKey()!;
        var certificatePath = Write("own.crt", own.ExportCertificatePem());
        var keyPath = Write("own.key", key.ExportPkcs8PrivateKeyPem());
        var bothPath = Write("both.pem", own.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());

        var separate = Load(new() { [WebHttpsKeys.CertificatePath] = certificatePath, [WebHttpsKeys.CertificateKeyPath] = keyPath });
        var together = Load(new() { [WebHttpsKeys.CertificatePath] = bothPath });

        Assert.Equal(TestCertificates.Fingerprint(own), separate.Fingerprint);
        Assert.Equal(TestCertificates.Fingerprint(own), together.Fingerprint);
        Assert.True(separate.Certificate.HasPrivateKey && together.Certificate.HasPrivateKey);
    }

    [Fact]
    public void An_encrypted_pem_key_opens_with_the_password()
    {
        using var own = TestCertificates.Create();
        using var key = own.GetRSAPrivateKey()!;
        var certificatePath = Write("own.crt", own.ExportCertificatePem());
        var keyPath = Write("own.key", key.ExportEncryptedPkcs8PrivateKeyPem(Password,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));

        var loaded = Load(new()
        {
            [WebHttpsKeys.CertificatePath] = certificatePath, [WebHttpsKeys.CertificateKeyPath] = keyPath, [WebHttpsKeys.CertificatePassword] = Password,
        });

        Assert.Equal(TestCertificates.Fingerprint(own), loaded.Fingerprint);
    }

    [Fact]
    public void A_missing_file_stops_start_up_naming_the_path_key()
    {
        var missing = Path.Combine(_directory, "nowhere.pfx");

        var error = Assert.Throws<InvalidOperationException>(() => Load(new() { [WebHttpsKeys.CertificatePath] = missing }));

        Assert.Contains(WebHttpsKeys.CertificatePath, error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_wrong_pfx_password_stops_start_up_naming_the_password_key()
    {
        using var own = TestCertificates.Create();
        var path = TestCertificates.WritePfx(own, _directory, Password);

        var error = Assert.Throws<InvalidOperationException>(() =>
            Load(new() { [WebHttpsKeys.CertificatePath] = path, [WebHttpsKeys.CertificatePassword] = "not-Th3-pa55" }));

        Assert.Contains(WebHttpsKeys.CertificatePassword, error.Message);
        Assert.Contains(path, error.Message);
        Assert.DoesNotContain("not-Th3-pa55", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pem_certificate_without_its_key_stops_start_up_naming_the_key_path_key()
    {
        using var own = TestCertificates.Create();
        var certificatePath = Write("own.crt", own.ExportCertificatePem());

        var error = Assert.Throws<InvalidOperationException>(() => Load(new() { [WebHttpsKeys.CertificatePath] = certificatePath }));

        Assert.Contains(WebHttpsKeys.CertificateKeyPath, error.Message);
    }

    [Fact]
    public void A_key_path_without_a_certificate_path_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Load(new() { [WebHttpsKeys.CertificateKeyPath] = "own.key" }));

        Assert.Contains(WebHttpsKeys.CertificatePath, error.Message);
    }

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
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
