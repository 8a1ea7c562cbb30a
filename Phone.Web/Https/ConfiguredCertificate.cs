using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Phone.Web.Https;

/// <summary>
/// The admin's own certificate: PFX (with <see cref="WebHttpsKeys.CertificatePassword"/>) or
/// PEM (key in the same file or in <see cref="WebHttpsKeys.CertificateKeyPath"/>, encrypted
/// when a password is given). Anything wrong stops start-up with a message naming the key.
/// </summary>
public static class ConfiguredCertificate
{
    public static WebCertificate Load(string path, string? keyPath, string? password)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"{WebHttpsKeys.CertificatePath}: there is no certificate file at '{fullPath}'.");
        }
        var fullKeyPath = string.IsNullOrWhiteSpace(keyPath) ? null : Path.GetFullPath(keyPath);
        if (fullKeyPath is not null && !File.Exists(fullKeyPath))
        {
            throw new InvalidOperationException($"{WebHttpsKeys.CertificateKeyPath}: there is no key file at '{fullKeyPath}'.");
        }
        var pem = IsPem(fullPath);
        X509Certificate2 certificate;
        try
        {
            certificate = pem ? ReadPem(fullPath, fullKeyPath, password) : X509CertificateLoader.LoadPkcs12FromFile(fullPath, password);
        }
        catch (CryptographicException ex)
        {
            var check = pem ? $"{WebHttpsKeys.CertificateKeyPath} and {WebHttpsKeys.CertificatePassword}" : WebHttpsKeys.CertificatePassword;
            throw new InvalidOperationException(
                $"{WebHttpsKeys.CertificatePath}: '{fullPath}' cannot be loaded ({ex.Message}). Check the file, {check}.", ex);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"{WebHttpsKeys.CertificatePath}: '{fullPath}' holds no private key; put it in the file or name it in {WebHttpsKeys.CertificateKeyPath}.");
        }
        return new WebCertificate(pem ? ServerCertificates.Usable(certificate) : certificate, fullPath, WebCertificateOrigin.Configured);
    }

    private static X509Certificate2 ReadPem(string path, string? keyPath, string? password) =>
        string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);

    private static bool IsPem(string path) => File.ReadAllText(path).Contains("-----BEGIN ", StringComparison.Ordinal);
}
