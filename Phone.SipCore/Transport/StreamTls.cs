using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Phone.SipCore.Transport;

/// <summary>Builds the SslStream settings of a <see cref="StreamSipTransport"/> from its options.</summary>
internal static class StreamTls
{
    public static SslClientAuthenticationOptions ForClient(
        StreamSipTransportOptions options, SipEndPoint remote, string? targetHost, ILogger logger)
    {
        // RFC 5922 7 / RFC 6066 3: the name we meant to reach is sent as SNI and checked against the
        // certificate; with only an address, the address is what the certificate must name (.NET sends
        // no SNI for an address literal, as RFC 6066 requires).
        var host = string.IsNullOrWhiteSpace(targetHost) ? remote.EndPoint.Address.ToString() : targetHost;
        return new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = options.TlsProtocols,
            ClientCertificates = options.ClientCertificate is { } client ? [client] : null,
            RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                Validate(options, remote, host, sender, certificate, chain, errors, logger),
        };
    }

    /// <summary>Built once per transport: it holds the certificate chain, which is costly to build per handshake.</summary>
    public static SslStreamCertificateContext? ServerContext(StreamSipTransportOptions options) =>
        options.ServerCertificate is { } certificate
            // Offline: never fetch missing intermediates from the network while accepting.
            ? SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true)
            : null;

    public static SslServerAuthenticationOptions ForServer(StreamSipTransportOptions options, SslStreamCertificateContext? context) => new()
    {
        ServerCertificateContext = context,
        EnabledSslProtocols = options.TlsProtocols,
        // RFC 3261 26.3.1 lets servers ask; a phone accepting TLS from its proxy does not require it.
        ClientCertificateRequired = false,
    };

    private static bool Validate(
        StreamSipTransportOptions options,
        SipEndPoint remote,
        string host,
        object sender,
        X509Certificate? certificate,
        X509Chain? chain,
        SslPolicyErrors errors,
        ILogger logger)
    {
        if (options.ServerCertificateValidation is { } custom)
        {
            return custom(sender, certificate, chain, errors);
        }
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is not null && options.AcceptedServerCertificateThumbprint is { } pinned && Matches(certificate, pinned))
        {
            logger.LogInformation("TLS server {Remote} ({Host}) accepted by its pinned thumbprint despite {Errors}", remote, host, errors);
            return true;
        }
        if (options.AllowUntrustedServerCertificate)
        {
            logger.LogWarning(
                "TLS server {Remote} ({Host}) accepted with an untrusted certificate ({Errors}): AllowUntrustedServerCertificate is on",
                remote, host, errors);
            return true;
        }
        logger.LogWarning("TLS server {Remote} ({Host}) rejected: {Errors}, subject {Subject}", remote, host, errors, certificate?.Subject);
        return false;
    }

    private static bool Matches(X509Certificate certificate, string pinned)
    {
        var wanted = pinned.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return string.Equals(wanted, certificate.GetCertHashString(HashAlgorithmName.SHA256), StringComparison.OrdinalIgnoreCase)
            || string.Equals(wanted, certificate.GetCertHashString(HashAlgorithmName.SHA1), StringComparison.OrdinalIgnoreCase);
    }
}
