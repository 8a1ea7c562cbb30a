using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Dialogs;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.Usages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Dialogs;

/// <summary>An incoming call routed to a line is traced under that line: the INVITE and our answers.</summary>
public sealed class TraceTagTests
{
    private sealed class RecordingTrace : ISipTraceObserver
    {
        public ConcurrentQueue<(SipTraceDirection Direction, string FirstLine, object? Tag)> Seen { get; } = new();

        public void Traced(SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> message, object? traceTag)
        {
            var text = Encoding.UTF8.GetString(message.Span);
            Seen.Enqueue((direction, text[..text.IndexOf('\r', StringComparison.Ordinal)], traceTag));
        }
    }

    private sealed class Sink : ISipPacketHandler
    {
        public void OnPacket(ReceivedPacket packet)
        {
        }

        public void OnTransportError(SipEndPoint remote, Exception error)
        {
        }
    }

    [Fact]
    public async Task A_call_to_a_line_and_the_answers_to_it_carry_the_lines_tag_and_other_traffic_none()
    {
        var time = new FakeTimeProvider();
        var (phone, server) = InMemorySipTransport.CreatePair(time, inline: true);
        var trace = new RecordingTrace();
        await using var stack = new SipStack(time, NullLogger<SipStack>.Instance, trace, boundAddress: IPAddress.Loopback);
        stack.AddTransport(phone);
        server.Start(new Sink());
        using var line = stack.AddIdentity(new LocalIdentity("2001", "tok7", DialogOwner.Inline(7), new UserRouter(t => t.Respond(486, "Busy Here", "l7"))));

        await server.SendAsync(Encoding.UTF8.GetBytes(PeerMessages.Invite("z9hG4bKcall7", "call-7")), phone.LocalEndPoint, CancellationToken.None);
        await server.SendAsync(Encoding.UTF8.GetBytes(PeerMessages.Request("INVITE", "sip:9999@127.0.0.1", "z9hG4bKnobody", "call-x",
            "<sip:3001@127.0.0.2>;tag=c", "<sip:9999@127.0.0.2>", "1 INVITE")), phone.LocalEndPoint, CancellationToken.None);

        var seen = trace.Seen.ToList();
        Assert.Contains(seen, s => s is { Direction: SipTraceDirection.In, Tag: 7 } && s.FirstLine.StartsWith("INVITE sip:2001", StringComparison.Ordinal));
        Assert.Contains(seen, s => s is { Direction: SipTraceDirection.Out, Tag: 7 } && s.FirstLine == "SIP/2.0 100 Trying");
        Assert.Contains(seen, s => s is { Direction: SipTraceDirection.Out, Tag: 7 } && s.FirstLine == "SIP/2.0 486 Busy Here");
        Assert.All(seen.Where(s => s.FirstLine.Contains("9999", StringComparison.Ordinal) || s.FirstLine.Contains("404", StringComparison.Ordinal)),
            s => Assert.Null(s.Tag));
    }
}
