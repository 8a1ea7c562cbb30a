using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transport;

/// <summary>Loopback listeners, raw socket peers and SIP text for the stream transport tests.</summary>
internal static class StreamTestSupport
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>A whole SIP message with a correct Content-Length.</summary>
    public static string Sip(string startLine, string body = "") =>
        $"{startLine}\r\nCall-ID: {Guid.NewGuid():N}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static TcpListener Listen(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        return listener;
    }

    public static StreamSipTransport Server(
        TcpListener listener, StreamSipTransportOptions? options = null, TimeProvider? time = null, SipTransportKind kind = SipTransportKind.Tcp) =>
        new(kind, listener, options ?? new StreamSipTransportOptions(), NullLogger.Instance, time);

    public static StreamSipTransport Client(StreamSipTransportOptions? options = null, TimeProvider? time = null, SipTransportKind kind = SipTransportKind.Tcp) =>
        new(kind, null, options ?? new StreamSipTransportOptions(), NullLogger.Instance, time);

    public static SipEndPoint Tcp(IPEndPoint endPoint) => new(SipTransportKind.Tcp, endPoint);

    public static IPEndPoint EndPointOf(TcpListener listener) => (IPEndPoint)listener.LocalEndpoint;

    public static async Task<Socket> ConnectRawAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(Bound);
        await socket.ConnectAsync(endPoint, timeout.Token);
        return socket;
    }

    /// <summary>One receive with a bound; 0 means the other side closed the connection.</summary>
    public static async Task<int> ReceiveOnceAsync(Socket socket, byte[] buffer)
    {
        using var timeout = new CancellationTokenSource(Bound);
        return await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
    }

    /// <summary>Reads until the other side closes; returns the count of the final receive (0 when closed cleanly).</summary>
    public static async Task<int> ReceiveUntilClosedAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Bound);
        int received;
        do
        {
            received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        }
        while (received > 0);
        return received;
    }

    /// <summary>
    /// Reads until the other side ends the connection, by FIN or by reset: when the server closes
    /// a socket whose last segments are still in flight, Linux may answer them with a reset.
    /// Returns true once it has ended.
    /// </summary>
    public static async Task<bool> ReceiveUntilEndedAsync(Socket socket)
    {
        try
        {
            return await ReceiveUntilClosedAsync(socket) == 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public static async Task<string> ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var have = 0;
        using var timeout = new CancellationTokenSource(Bound);
        while (have < count)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None, timeout.Token);
            if (received == 0)
            {
                throw new IOException($"Closed after {have} of {count} bytes.");
            }
            have += received;
        }
        return Encoding.UTF8.GetString(buffer);
    }

    /// <summary>A self-signed server certificate for 127.0.0.1, ::1 and localhost, made in-process.</summary>
    public static X509Certificate2 CreateSelfSignedCertificate(string subject = "CN=localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Round trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A validation callback that records what the system said and accepts nothing.</summary>
    public static RemoteCertificateValidationCallback Rejecting(List<SslPolicyErrors> seen) => (_, _, _, errors) =>
    {
        lock (seen)
        {
            seen.Add(errors);
        }
        return false;
    };
}
