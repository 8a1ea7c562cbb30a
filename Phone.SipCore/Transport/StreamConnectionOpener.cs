using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Phone.SipCore.Transport;

/// <summary>
/// Turns a remote endpoint (outbound) or an accepted socket (inbound) into a ready stream: TCP as is,
/// TLS after the handshake (RFC 3261 26.2). Every step has a deadline; on failure nothing is left open.
/// </summary>
internal sealed class StreamConnectionOpener(
    SipTransportKind kind, StreamSipTransportOptions options, TimeProvider time, ILogger logger)
{
    private readonly SslStreamCertificateContext? _serverContext =
        kind == SipTransportKind.Tls ? StreamTls.ServerContext(options) : null;

    /// <summary>Connects and, for TLS, authenticates the server within <see cref="StreamSipTransportOptions.ConnectTimeout"/>.</summary>
    /// <exception cref="TimeoutException">The connect or the handshake took too long.</exception>
    public async Task<(Socket Socket, Stream Stream)> ConnectAsync(SipEndPoint remote, string? targetHost, CancellationToken stopping)
    {
        var socket = new Socket(remote.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
            try
            {
                await socket.ConnectAsync(remote.EndPoint, linked.Token).ConfigureAwait(false);
                stream = new NetworkStream(socket, ownsSocket: true);
                if (kind == SipTransportKind.Tls)
                {
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = tls;
                    await tls.AuthenticateAsClientAsync(StreamTls.ForClient(options, remote, targetHost, logger), linked.Token)
                        .ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to {remote} took longer than {options.ConnectTimeout}.");
            }
            return (socket, stream);
        }
        catch
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Wraps an accepted socket; for TLS, completes the server handshake within
    /// <see cref="StreamSipTransportOptions.IncompleteMessageTimeout"/>: a handshake that stalls must
    /// not hold a connection slot. The socket is disposed on failure.
    /// </summary>
    public async Task<Stream> AcceptAsync(Socket socket, CancellationToken stopping)
    {
        Stream? stream = null;
        try
        {
            socket.NoDelay = true;
            stream = new NetworkStream(socket, ownsSocket: true);
            if (kind == SipTransportKind.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                using var timeout = new CancellationTokenSource(options.IncompleteMessageTimeout, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
                await tls.AuthenticateAsServerAsync(StreamTls.ForServer(options, _serverContext), linked.Token).ConfigureAwait(false);
            }
            return stream;
        }
        catch
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(Stream? stream, Socket socket)
    {
        try
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Half-open socket: nothing to flush.
        }
        socket.Dispose();
    }
}
