using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Phone.SipCore.Transport;

/// <summary>
/// SIP over UDP on one bound socket (RFC 3261 18.1.1 / 18.2.1). Each datagram is one message;
/// the layer above decides whether a message is small enough for UDP.
/// </summary>
public sealed class UdpSipTransport : ISipTransport
{
    /// <summary>Largest IPv4 UDP payload; anything bigger cannot be one datagram.</summary>
    public const int MaxDatagram = 65_507;

    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiveLoop;
    private ISipPacketHandler? _handler;

    public UdpSipTransport(Socket socket, ILogger logger)
    {
        _socket = socket;
        _logger = logger;
        LocalEndPoint = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)socket.LocalEndPoint!);
    }

    public SipTransportKind Kind => SipTransportKind.Udp;

    public SipEndPoint LocalEndPoint { get; }

    public void Start(ISipPacketHandler handler)
    {
        if (_handler is not null)
        {
            throw new InvalidOperationException("The UDP transport has already started.");
        }
        _handler = handler;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint remote, CancellationToken cancellationToken)
    {
        if (message.Length > MaxDatagram)
        {
            throw new ArgumentException($"A {message.Length}-byte message does not fit in one UDP datagram.", nameof(message));
        }
        try
        {
            await _socket.SendToAsync(message, SocketFlags.None, remote.EndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            _handler?.OnTransportError(remote, ex);
            throw;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram);
        EndPoint any = _socket.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                // Cancelling a pending receive surfaces as an aborted operation on Linux.
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                // An ICMP port-unreachable from an earlier send surfaces here on some systems: not fatal.
                continue;
            }
            if (result.ReceivedBytes == 0)
            {
                continue;
            }
            var remote = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)result.RemoteEndPoint);
            var data = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
            try
            {
                _handler!.OnPacket(new ReceivedPacket(data, remote, LocalEndPoint));
            }
            catch (Exception ex)
            {
                // One bad message must never stop the phone from receiving the next.
                _logger.LogError(ex, "Handler failed on a datagram from {Remote}", remote);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
