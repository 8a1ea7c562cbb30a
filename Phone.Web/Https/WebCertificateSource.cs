using System.Net;

namespace Phone.Web.Https;

/// <summary>Chooses the served certificate: the admin's own when configured, else the phone's generated one.</summary>
public static class WebCertificateSource
{
    public static WebCertificate Load(IConfiguration configuration, string dataDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[WebHttpsKeys.CertificatePath];
        var keyPath = configuration[WebHttpsKeys.CertificateKeyPath];
        var password = configuration[WebHttpsKeys.CertificatePassword];
        if (!string.IsNullOrWhiteSpace(path))
        {
            return ConfiguredCertificate.Load(path, keyPath, password);
        }
        // A key or password without a certificate is a half-made setting: serving the generated
        // certificate instead would look as if the admin's own were in use.
        if (!string.IsNullOrWhiteSpace(keyPath) || !string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException(
                $"{WebHttpsKeys.CertificatePath} is not set, but {WebHttpsKeys.CertificateKeyPath} or {WebHttpsKeys.CertificatePassword} is.");
        }
        return GeneratedCertificateFile.LoadOrCreate(dataDirectory,
            () => CertificateSubjectNames.FromConfiguration(configuration, Dns.GetHostName()), time);
    }
}
