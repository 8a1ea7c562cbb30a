using System.Net;
using System.Threading.Channels;

namespace Phone.SipCore.Transport;

/// <summary>
/// One end of an in-memory link for tests: what one end sends, the other receives, subject
/// to the sending side's <see cref="Outbound"/> conditions (drop, delay, duplicate, reorder,
/// fail). Delivery runs on a background loop per end, like a socket, and delays use the
/// link's <see cref="TimeProvider"/>, so tests drive them with FakeTimeProvider.
/// </summary>
public sealed class InMemorySipTransport : ISipTransport
{
    private readonly Channel<ReceivedPacket> _inbox = Channel.CreateUnbounded<ReceivedPacket>(new() { SingleReader = true });
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private InMemorySipTransport _peer = null!;
    private ISipPacketHandler? _handler;
    private Task? _deliveryLoop;
    private ReceivedPacket? _heldBack;
    private long _sent;
    private long _dropped;

    private readonly bool _inline;

    private InMemorySipTransport(SipEndPoint local, TimeProvider time, int seed, bool inline)
    {
        LocalEndPoint = local;
        _time = time;
        _random = new Random(seed);
        _inline = inline;
    }

    public SipTransportKind Kind => LocalEndPoint.Transport;

    public SipEndPoint LocalEndPoint { get; }

    /// <summary>Conditions applied to what this end sends.</summary>
    public LinkConditions Outbound { get; } = new();

    /// <summary>Messages this end has sent (including those the link then dropped).</summary>
    public long SentCount => Interlocked.Read(ref _sent);

    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Every message this end sent, in order, for assertions.</summary>
    public ChannelReader<ReadOnlyMemory<byte>> SentLog => _sentLog.Reader;

    private readonly Channel<ReadOnlyMemory<byte>> _sentLog = Channel.CreateUnbounded<ReadOnlyMemory<byte>>();

    /// <summary>Creates two connected ends with made-up loopback addresses.</summary>
    /// <param name="inline">
    /// Deliver on the sending thread (or inside FakeTimeProvider.Advance for delayed messages)
    /// instead of a background loop, so a whole lossy exchange runs deterministically.
    /// </param>
    public static (InMemorySipTransport A, InMemorySipTransport B) CreatePair(
        TimeProvider time, SipTransportKind kind = SipTransportKind.Udp, int seed = 1, bool inline = false)
    {
        var a = new InMemorySipTransport(new SipEndPoint(kind, new IPEndPoint(IPAddress.Loopback, 5060)), time, seed, inline);
        var b = new InMemorySipTransport(new SipEndPoint(kind, new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5060)), time, seed + 1, inline);
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    public void Start(ISipPacketHandler handler)
    {
        _handler = handler;
        if (!_inline)
        {
            _deliveryLoop = Task.Run(DeliverAsync);
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint remote, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Outbound.FailSends)
        {
            var error = new IOException($"in-memory link to {remote} is failing sends");
            _handler?.OnTransportError(remote, error);
            throw error;
        }
        Interlocked.Increment(ref _sent);
        var copy = message.ToArray();
        _sentLog.Writer.TryWrite(copy);
        var packet = new ReceivedPacket(copy, LocalEndPoint, _peer.LocalEndPoint);
        lock (_gate)
        {
            if (Outbound.DropNext > 0)
            {
                Outbound.DropNext--;
                Interlocked.Increment(ref _dropped);
                return ValueTask.CompletedTask;
            }
            if (Outbound.DropProbability > 0 && _random.NextDouble() < Outbound.DropProbability)
            {
                Interlocked.Increment(ref _dropped);
                return ValueTask.CompletedTask;
            }
            var copies = Outbound.DuplicateProbability > 0 && _random.NextDouble() < Outbound.DuplicateProbability ? 2 : 1;
            for (var i = 0; i < copies; i++)
            {
                if (Outbound.Reorder)
                {
                    if (_heldBack is { } held)
                    {
                        _heldBack = null;
                        Schedule(packet);
                        Schedule(held);
                    }
                    else
                    {
                        _heldBack = packet;
                    }
                }
                else
                {
                    Schedule(packet);
                }
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Delivers a message held back by <see cref="LinkConditions.Reorder"/> now.</summary>
    public void FlushHeldBack()
    {
        lock (_gate)
        {
            if (_heldBack is { } held)
            {
                _heldBack = null;
                Schedule(held);
            }
        }
    }

    private void Schedule(ReceivedPacket packet)
    {
        if (Outbound.Delay <= TimeSpan.Zero)
        {
            _peer.Deliver(packet);
            return;
        }
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            _peer.Deliver(packet);
            timer?.Dispose();
        }, null, Outbound.Delay, Timeout.InfiniteTimeSpan);
    }

    private void Deliver(ReceivedPacket packet)
    {
        if (!_inline)
        {
            _inbox.Writer.TryWrite(packet);
            return;
        }
        try
        {
            _handler?.OnPacket(packet);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // As on a real socket, a failing handler never breaks the link.
        }
    }

    private async Task DeliverAsync()
    {
        await foreach (var packet in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                _handler!.OnPacket(packet);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Same rule as a real socket: one bad message never stops delivery.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        _sentLog.Writer.TryComplete();
        if (_deliveryLoop is not null)
        {
            await _deliveryLoop.ConfigureAwait(false);
        }
    }
}
