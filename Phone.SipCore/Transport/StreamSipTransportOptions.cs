using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Phone.SipCore.Transport;

/// <summary>
/// Settings of a <see cref="StreamSipTransport"/> (SIP over TCP or TLS, RFC 3261 section 18).
/// Every limit has a default so that a hostile or broken peer can never hold resources forever.
/// </summary>
public sealed record StreamSipTransportOptions
{
    /// <summary>How long opening an outbound connection may take, TLS handshake included.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A message (or an inbound TLS handshake) started but not finished within this time closes the
    /// connection: a peer dribbling bytes must not hold a connection and its buffers forever.
    /// </summary>
    public TimeSpan IncompleteMessageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection with no traffic either way for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A write the peer does not take within this time closes the connection (the peer stopped reading).</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Interval of the CRLFCRLF keep-alive ping on outbound connections (RFC 5626 4.4.1); null = no
    /// periodic ping. Pings count as traffic, so a pinged connection is never closed as idle.
    /// </summary>
    public TimeSpan? KeepAliveInterval { get; init; }

    /// <summary>
    /// When set, a ping not answered by a CRLF pong within this time closes the connection and is
    /// reported as a transport error (RFC 5626 4.4.1 says 10 seconds). Only for peers that support
    /// RFC 5626 keep-alives (they advertise "outbound"); null = pongs are not required.
    /// </summary>
    public TimeSpan? KeepAlivePongTimeout { get; init; }

    /// <summary>Simultaneous connections, inbound and outbound together. Accepts beyond it are closed at once.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Cap on the start line plus headers of one message.</summary>
    public int MaxHeaderBytes { get; init; } = StreamFramer.DefaultMaxHeaderBytes;

    /// <summary>Cap on the body (Content-Length) of one message.</summary>
    public int MaxBodyBytes { get; init; } = StreamFramer.DefaultMaxBodyBytes;

    /// <summary>TLS: the certificate (with private key) presented to TLS clients; required to accept TLS.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>TLS: a client certificate (with private key) offered to servers that ask for one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>TLS versions allowed; <see cref="SslProtocols.None"/> lets the system choose (recommended).</summary>
    public SslProtocols TlsProtocols { get; init; } = SslProtocols.None;

    /// <summary>
    /// TLS: decides alone whether a server certificate is accepted. When null, the system validation
    /// (chain and name, RFC 5922) decides, relaxed only by the two options below.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>
    /// TLS: a server certificate whose SHA-256 or SHA-1 thumbprint (hex; ':' and spaces ignored) equals
    /// this is accepted even when the system would not trust it (certificate pinning for a PBX with a
    /// self-signed certificate).
    /// </summary>
    public string? AcceptedServerCertificateThumbprint { get; init; }

    /// <summary>
    /// TLS, LAB USE ONLY: accept any server certificate, trusted or not, for any name. This gives up the
    /// protection TLS exists for; never turn it on for a phone in service.
    /// </summary>
    public bool AllowUntrustedServerCertificate { get; init; }

    /// <summary>Throws naming the first invalid setting.</summary>
    internal void Validate()
    {
        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(IncompleteMessageTimeout, nameof(IncompleteMessageTimeout));
        RequirePositive(IdleTimeout, nameof(IdleTimeout));
        RequirePositive(SendTimeout, nameof(SendTimeout));
        if (KeepAliveInterval is { } keepAlive)
        {
            RequirePositive(keepAlive, nameof(KeepAliveInterval));
        }
        if (KeepAlivePongTimeout is { } pong)
        {
            RequirePositive(pong, nameof(KeepAlivePongTimeout));
        }
        if (MaxConnections < 1)
        {
            throw new ArgumentException($"{nameof(MaxConnections)} must be at least 1, not {MaxConnections}.", nameof(MaxConnections));
        }
        if (MaxHeaderBytes < 4)
        {
            throw new ArgumentException($"{nameof(MaxHeaderBytes)} must be at least 4, not {MaxHeaderBytes}.", nameof(MaxHeaderBytes));
        }
        if (MaxBodyBytes < 0)
        {
            throw new ArgumentException($"{nameof(MaxBodyBytes)} must not be negative.", nameof(MaxBodyBytes));
        }
        if (ServerCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException($"{nameof(ServerCertificate)} has no private key.", nameof(ServerCertificate));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        // Timers take at most about 49 days; anything longer is a mistake, not a setting.
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(30))
        {
            throw new ArgumentException($"{name} must be between zero and 30 days, not {value}.", name);
        }
    }
}
