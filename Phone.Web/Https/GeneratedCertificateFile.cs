using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Phone.Web.Https;

/// <summary>
/// The generated certificate in the data directory: one PEM file with the certificate and its
/// private key, readable by the phone's user only (0600). Made on the first start and read
/// back on every later one, so the fingerprint an admin checked once stays the same; made
/// anew only when it has expired.
/// </summary>
public static class GeneratedCertificateFile
{
    public const string FileName = "web-certificate.pem";

    public static WebCertificate LoadOrCreate(string dataDirectory, Func<CertificateSubjectNames> names, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(time);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var stored = Read(path);
            if (stored.NotAfter > time.GetUtcNow().UtcDateTime)
            {
                return new WebCertificate(stored, path, WebCertificateOrigin.Stored);
            }
            stored.Dispose();
        }
        Directory.CreateDirectory(dataDirectory);
        using (var created = SelfSignedCertificate.Create(names(), time.GetUtcNow()))
        {
            Write(path, created);
        }
        // Served as read back, so what is served is what the file holds.
        return new WebCertificate(Read(path), path, WebCertificateOrigin.Created);
    }

    private static X509Certificate2 Read(string path)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(path);
            if (certificate.HasPrivateKey)
            {
                return ServerCertificates.Usable(certificate);
            }
            certificate.Dispose();
            throw new CryptographicException("the file holds no private key");
        }
        catch (CryptographicException ex)
        {
            // Not replaced silently: a new certificate has a new fingerprint, and browsers that
            // trusted the old one would warn. The admin decides.
            throw new InvalidOperationException(
                $"The phone's HTTPS certificate '{path}' cannot be read ({ex.Message}). Delete it to have a new one made " +
                $"(its fingerprint will change), or set {WebHttpsKeys.CertificatePath} to a certificate of your own.", ex);
        }
    }

    private static void Write(string path, X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("The generated certificate has no ECDSA key.");
        var pem = certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
        // Written beside the target, then renamed over it: a power cut leaves the old file or the
        // new one, never half of one. Created 0600, so the key is never readable by others.
        var temporary = path + ".new";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(pem));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
