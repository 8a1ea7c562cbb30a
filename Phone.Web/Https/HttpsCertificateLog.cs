namespace Phone.Web.Https;

/// <summary>
/// Tells the console at start which certificate HTTPS serves and its fingerprint, so an admin
/// can compare it with what the browser shows before trusting it.
/// </summary>
internal sealed class HttpsCertificateLog(WebCertificate certificate, ILogger<HttpsCertificateLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var origin = certificate.Origin switch
        {
            WebCertificateOrigin.Created => "generated now",
            WebCertificateOrigin.Stored => "generated earlier",
            _ => "configured",
        };
        logger.LogInformation("HTTPS certificate ({Origin}, {Path}) SHA-256 fingerprint: {Fingerprint}",
            origin, certificate.Path, certificate.Fingerprint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
