using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Diagnostics;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.Usages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Diagnostics;

/// <summary>
/// The FeatureSync.Sip counters move with real traffic: NOTIFYs over a real UDP socket on
/// loopback into a real stack, read back through a <see cref="MeterListener"/> that listens to
/// this stack's meter only (other tests' stacks run in parallel with their own meters).
/// </summary>
public sealed class SipMetricsTests : IAsyncDisposable
{
    private readonly Socket _phoneSocket = Bind();
    private readonly Socket _server = Bind();
    private readonly SipStack _stack = new(TimeProvider.System, NullLogger<SipStack>.Instance, boundAddress: IPAddress.Loopback);
    private readonly RecordedCounters _recorded;

    public SipMetricsTests()
    {
        _recorded = new RecordedCounters(_stack.Metrics.Meter);
        _stack.AddTransport(new UdpSipTransport(_phoneSocket, NullLogger.Instance));
    }

    private IPEndPoint Phone => (IPEndPoint)_phoneSocket.LocalEndPoint!;

    [Fact]
    public async Task A_notify_over_loopback_udp_is_counted_received_and_answered_by_status_class()
    {
        using var line = _stack.RegisterUser("2001", new UserRouter(t => t.Respond(200)));

        Assert.StartsWith("SIP/2.0 200", await ExchangeAsync(Notify("2001", "one")));
        // Nobody by that user: a NOTIFY outside any subscription is answered 481 (RFC 6665 4.1.3).
        Assert.StartsWith("SIP/2.0 481", await ExchangeAsync(Notify("2999", "two")));

        Assert.Equal(2, _recorded.Total("featuresync.sip.notifies.received"));
        Assert.Equal(1, _recorded.Total("featuresync.sip.notifies.answered", "status_class", "2xx"));
        Assert.Equal(1, _recorded.Total("featuresync.sip.notifies.answered", "status_class", "4xx"));
        Assert.Equal(0, _recorded.Total("featuresync.sip.requests.refused"));
    }

    [Fact]
    public async Task An_unparseable_datagram_is_not_counted_as_a_notify()
    {
        await _server.SendToAsync(Encoding.ASCII.GetBytes("NOTIFY nonsense\r\n\r\n"), Phone);
        // The next, valid one is answered, so the bad one was read (and dropped) before it.
        Assert.StartsWith("SIP/2.0 481", await ExchangeAsync(Notify("2999", "three")));

        Assert.Equal(1, _stack.DroppedCount);
        Assert.Equal(1, _recorded.Total("featuresync.sip.notifies.received"));
    }

    public async ValueTask DisposeAsync()
    {
        _recorded.Dispose();
        await _stack.DisposeAsync();
        _phoneSocket.Dispose();
        _server.Dispose();
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private async Task<string> ExchangeAsync(string request)
    {
        await _server.SendToAsync(Encoding.ASCII.GetBytes(request), Phone);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await _server.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes);
    }

    private static string Notify(string user, string id) =>
        $"NOTIFY sip:{user}@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-metrics-{id}\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:server@127.0.0.1>;tag=s-{id}\r\n" +
        $"To: <sip:{user}@127.0.0.1>\r\n" +
        $"Call-ID: metrics-{id}@127.0.0.1\r\n" +
        "CSeq: 1 NOTIFY\r\n" +
        "Event: as-feature-event\r\n" +
        "Subscription-State: active;expires=3600\r\n" +
        "Content-Length: 0\r\n\r\n";

    /// <summary>Sums what one meter's counters record, by instrument and optionally one tag.</summary>
    private sealed class RecordedCounters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public RecordedCounters(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
                _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public long Total(string name, string? tag = null, string? value = null) => _measurements
            .Where(m => m.Name == name && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value))))
            .Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();
    }
}
