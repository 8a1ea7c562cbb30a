using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Phone.SipCore.Transport;

/// <summary>
/// SIP over UDP on one bound socket (RFC 3261 18.1.1 / 18.2.1). Each datagram is one message;
/// the layer above decides whether a message is small enough for UDP.
/// </summary>
/// <remarks>
/// The socket is read by one dedicated thread in blocking <c>recvfrom</c>, and written with
/// blocking <c>sendto</c> (a UDP send only copies into the kernel). An async receive costs a
/// hop per datagram (the socket engine's epoll thread hands each completion to the thread pool)
/// and every hop wakes a pool worker that then spins before it sleeps again: in a 1,000
/// NOTIFY/s storm those spins were a third of the phone's CPU (docs/performance.md, target 2).
/// No async operation is ever issued on the socket, so it stays in blocking mode and a receive
/// is one system call.
/// </remarks>
public sealed class UdpSipTransport : ISipTransport
{
    /// <summary>Largest IPv4 UDP payload; anything bigger cannot be one datagram.</summary>
    public const int MaxDatagram = 65_507;

    // How long a stop waits for the reader to see the wake-up datagram before it gives up on
    // it (a background thread; it ends with the process).
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private Thread? _reader;
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
        // No receive timeout: on Linux .NET serves a socket with a timeout (or one used
        // asynchronously) through its epoll thread, which then wakes the reader: two context
        // switches per datagram instead of one. The stop wakes the reader with a datagram.
        _reader = new Thread(ReceiveLoop, maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = $"SIP UDP {LocalEndPoint.EndPoint}",
        };
        _reader.Start();
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint remote, CancellationToken cancellationToken)
    {
        if (message.Length > MaxDatagram)
        {
            return ValueTask.FromException(new ArgumentException($"A {message.Length}-byte message does not fit in one UDP datagram.", nameof(message)));
        }
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _socket.SendTo(message.Span, SocketFlags.None, remote.EndPoint);
            return ValueTask.CompletedTask;
        }
        catch (SocketException ex)
        {
            _handler?.OnTransportError(remote, ex);
            return ValueTask.FromException(ex);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            return ValueTask.FromException(ex);
        }
    }

    private void ReceiveLoop()
    {
        try
        {
            var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram);
            EndPoint any = _socket.AddressFamily == AddressFamily.InterNetworkV6
                ? new IPEndPoint(IPAddress.IPv6Any, 0)
                : new IPEndPoint(IPAddress.Any, 0);
            while (!_stopping)
            {
                int received;
                EndPoint from = any;
                try
                {
                    received = _socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.NotSocket)
                {
                    return; // the socket was closed under the reader
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
                {
                    // An ICMP port-unreachable from an earlier send surfaces here on some systems: not fatal.
                    continue;
                }
                if (received == 0 || _stopping)
                {
                    continue;
                }
                var remote = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)from);
                var data = buffer.AsSpan(0, received).ToArray();
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
        catch (Exception ex)
        {
            _logger.LogError(ex, "The UDP reader on {Local} stopped", LocalEndPoint);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// Stops the reader. The socket is its owner's, so it is not closed here: an empty datagram
    /// sent to it from loopback wakes the blocked receive at once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_reader is null)
        {
            return;
        }
        _stopping = true;
        WakeReader();
        try
        {
            await _stopped.Task.WaitAsync(StopWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("The UDP reader on {Local} did not stop within {Wait}; left to end with the process", LocalEndPoint, StopWait);
        }
    }

    private void WakeReader()
    {
        var local = LocalEndPoint.EndPoint;
        var target = local.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, local.Port)
            : local.Address.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.IPv6Loopback, local.Port)
            : local;
        try
        {
            using var waker = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            waker.SendTo([], target);
        }
        catch (SocketException ex)
        {
            _logger.LogWarning(ex, "Could not wake the UDP reader on {Local}", local);
        }
    }
}
