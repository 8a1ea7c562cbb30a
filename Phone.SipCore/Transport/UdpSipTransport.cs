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
/// <para>
/// The reader is supervised (<see cref="SupervisedReader"/>): the layers above may run a line's
/// work inline on it. A watchdog timer checks every <see cref="StallCheckPeriod"/> whether the
/// reader is still inside the same datagram's handler it was in at the last check; if so, a new
/// reader takes the socket over and the stalled one ends once its handler returns. A stuck
/// handler so delays the other datagrams by at most two periods, never stops them.
/// </para>
/// </remarks>
public sealed class UdpSipTransport : ISipTransport
{
    /// <summary>Largest IPv4 UDP payload; anything bigger cannot be one datagram.</summary>
    public const int MaxDatagram = 65_507;

    /// <summary>How often the watchdog looks for a reader stalled in one datagram's handler.</summary>
    public static readonly TimeSpan StallCheckPeriod = TimeSpan.FromMilliseconds(100);

    // How long a stop waits for the reader to see the wake-up datagram before it gives up on
    // it (a background thread; it ends with the process).
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private volatile Reader? _reader;
    private ITimer? _watchdog;
    private long _handledAtLastCheck = -1;
    private int _replacements;
    private ISipPacketHandler? _handler;

    public UdpSipTransport(Socket socket, ILogger logger, TimeProvider? time = null)
    {
        _socket = socket;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        LocalEndPoint = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)socket.LocalEndPoint!);
    }

    /// <summary>Readers started because the one before stalled in a handler.</summary>
    public int ReaderReplacements => Volatile.Read(ref _replacements);

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
        StartReader();
        _watchdog = _time.CreateTimer(static state => ((UdpSipTransport)state!).CheckReader(), this, StallCheckPeriod, StallCheckPeriod);
    }

    private void StartReader()
    {
        var reader = new Reader(this);
        _reader = reader;
        new Thread(reader.Run, maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = $"SIP UDP {LocalEndPoint.EndPoint}",
        }.Start();
    }

    /// <summary>
    /// The watchdog's tick: a reader inside a handler that has not moved on since the last
    /// tick (at least one period) is replaced. A GC pause can trigger this as well; a spare
    /// reader costs one thread start, and the old one ends after its handler.
    /// </summary>
    private void CheckReader()
    {
        var reader = _reader;
        if (reader is null || _stopping)
        {
            return;
        }
        var handled = reader.Handled;
        var stalled = reader.InHandler && handled == _handledAtLastCheck;
        _handledAtLastCheck = handled;
        if (!stalled)
        {
            return;
        }
        Interlocked.Increment(ref _replacements);
        _handledAtLastCheck = -1;
        _logger.LogWarning("A datagram's handler on {Local} has run for over {Period} ms; a new reader takes over the socket",
            LocalEndPoint, StallCheckPeriod.TotalMilliseconds);
        StartReader();
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

    /// <summary>One reader thread's loop; it ends when the transport stops or a newer reader replaced it.</summary>
    private sealed class Reader(UdpSipTransport transport)
    {
        private long _handled;
        private volatile bool _inHandler;

        /// <summary>Datagrams this reader has started to handle.</summary>
        public long Handled => Volatile.Read(ref _handled);

        public bool InHandler => _inHandler;

        /// <summary>False once the watchdog handed the socket to a new reader: this one just ends.</summary>
        private bool Current => ReferenceEquals(transport._reader, this);

        public void Run()
        {
            var socket = transport._socket;
            SupervisedReader.MarkCurrentThread();
            try
            {
                var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram);
                var family = socket.AddressFamily;
                var from = new SocketAddress(family, SocketAddress.GetMaximumAddressSize(family));
                var peers = new UdpPeerCache(family);
                while (Current)
                {
                    int received;
                    try
                    {
                        from.Size = from.Buffer.Length; // room for any sender's address again
                        received = socket.ReceiveFrom(buffer, SocketFlags.None, from);
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
                    if (transport._stopping)
                    {
                        // Stopping ends on the waker's empty datagram, taken here even when the
                        // stop came while this reader was in a handler: left in the socket, it
                        // would be the owner's next read instead of the owner's own datagram.
                        // What arrives before it came before the stop and is dropped.
                        if (received == 0)
                        {
                            return;
                        }
                        continue;
                    }
                    if (received == 0)
                    {
                        continue;
                    }
                    Handle(new ReceivedPacket(buffer.AsSpan(0, received).ToArray(), peers.Find(from), transport.LocalEndPoint));
                }
            }
            catch (Exception ex)
            {
                transport._logger.LogError(ex, "The UDP reader on {Local} stopped", transport.LocalEndPoint);
            }
            finally
            {
                // A replaced reader just ends; the current one ends only when stopped (or broken),
                // and only it says the transport has stopped.
                if (Current)
                {
                    transport._stopped.TrySetResult();
                }
            }
        }

        private void Handle(ReceivedPacket packet)
        {
            Interlocked.Increment(ref _handled);
            _inHandler = true;
            try
            {
                transport._handler!.OnPacket(packet);
            }
            catch (Exception ex)
            {
                // One bad message must never stop the phone from receiving the next.
                transport._logger.LogError(ex, "Handler failed on a datagram from {Remote}", packet.Remote);
            }
            finally
            {
                _inHandler = false;
            }
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
        _watchdog?.Dispose();
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
