using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.Transport;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Stack;

/// <summary>
/// The trace gets both ends of every message, as a capture needs them: over TCP our end is the
/// connection's own (an outbound connection's ephemeral port), known before the first message is
/// traced; over UDP it is the bound address and port.
/// </summary>
public sealed class TraceEndsTests
{
    private sealed class RecordingTrace : ISipTraceObserver
    {
        public ConcurrentQueue<(SipTraceDirection Direction, SipEndPoint Remote, SipEndPoint Local, string FirstLine)> Seen { get; } = new();

        public void Traced(SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> message, object? traceTag)
        {
            var text = Encoding.UTF8.GetString(message.Span);
            Seen.Enqueue((direction, remote, local, text[..text.IndexOf('\r', StringComparison.Ordinal)]));
        }
    }

    [Fact]
    public async Task A_tcp_message_is_traced_with_the_connections_own_end_before_it_is_sent_and_its_answer_with_the_same()
    {
        var trace = new RecordingTrace();
        await using var stack = new SipStack(TimeProvider.System, NullLogger<SipStack>.Instance, trace, boundAddress: IPAddress.Loopback);
        stack.AddTransport(StreamTestSupport.Client());
        using var peer = StreamTestSupport.Listen(IPAddress.Loopback);
        var server = StreamTestSupport.Tcp(StreamTestSupport.EndPointOf(peer));

        await stack.SendAsync(StreamTestSupport.Bytes(StreamTestSupport.Sip("OPTIONS sip:pbx@127.0.0.1 SIP/2.0")), server, CancellationToken.None);
        using var accepted = await peer.AcceptSocketAsync().WaitAsync(StreamTestSupport.Bound);
        var phoneEnd = (IPEndPoint)accepted.RemoteEndPoint!;
        // Traced on the way out, so before the peer can have answered.
        var sent = Assert.Single(trace.Seen);
        await accepted.SendAsync(StreamTestSupport.Bytes(StreamTestSupport.Sip("SIP/2.0 200 OK")), SocketFlags.None);
        using var bound = new CancellationTokenSource(StreamTestSupport.Bound);
        while (trace.Seen.Count < 2)
        {
            await Task.Delay(10, bound.Token);
        }

        Assert.Equal((SipTraceDirection.Out, "OPTIONS sip:pbx@127.0.0.1 SIP/2.0"), (sent.Direction, sent.FirstLine));
        Assert.Equal(server, sent.Remote);
        Assert.Equal(SipTransportKind.Tcp, sent.Local.Transport);
        Assert.Equal(phoneEnd.Port, sent.Local.EndPoint.Port);
        Assert.Equal(IPAddress.Loopback, sent.Local.EndPoint.Address);
        var answer = trace.Seen.Last();
        Assert.Equal((SipTraceDirection.In, "SIP/2.0 200 OK"), (answer.Direction, answer.FirstLine));
        Assert.Equal(sent.Local, answer.Local);
    }

    [Fact]
    public async Task A_udp_message_and_its_answer_are_traced_with_the_bound_address_and_port()
    {
        var trace = new RecordingTrace();
        await using var stack = new SipStack(TimeProvider.System, NullLogger<SipStack>.Instance, trace, boundAddress: IPAddress.Loopback);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var phone = new UdpSipTransport(socket, NullLogger.Instance);
        stack.AddTransport(phone);
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)peer.Client.LocalEndPoint!);

        await stack.SendAsync(StreamTestSupport.Bytes(StreamTestSupport.Sip("OPTIONS sip:pbx@127.0.0.1 SIP/2.0")), server, CancellationToken.None);
        using var bound = new CancellationTokenSource(StreamTestSupport.Bound);
        var received = await peer.ReceiveAsync(bound.Token);
        await peer.SendAsync(StreamTestSupport.Bytes(StreamTestSupport.Sip("SIP/2.0 200 OK")), received.RemoteEndPoint, bound.Token);
        while (trace.Seen.Count < 2)
        {
            await Task.Delay(10, bound.Token);
        }

        Assert.All(trace.Seen, s => Assert.Equal(phone.LocalEndPoint, s.Local));
        Assert.All(trace.Seen, s => Assert.Equal(server, s.Remote));
        Assert.Equal(received.RemoteEndPoint, phone.LocalEndPoint.EndPoint);
    }
}
