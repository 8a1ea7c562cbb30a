using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Transport;

namespace Phone.Interop.Tests.Transport;

/// <summary>Our UDP transport against sipp, a SIP implementation we did not write.</summary>
public sealed class UdpTransportInteropTests
{
    [Fact]
    public async Task Sipp_answers_an_options_sent_by_our_udp_transport()
    {
        await using var sipp = SippProcess.Start("options-responder.xml");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var transport = new UdpSipTransport(socket, NullLogger.Instance);
        var received = Channel.CreateUnbounded<ReceivedPacket>();
        transport.Start(new ChannelHandler(received.Writer));
        var local = transport.LocalEndPoint.EndPoint;
        var options =
            $"OPTIONS sip:probe@127.0.0.1:{sipp.Port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch=z9hG4bK-interop-1;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:phone@{local}>;tag=t1\r\n" +
            $"To: <sip:probe@127.0.0.1:{sipp.Port}>\r\n" +
            "Call-ID: interop-options-1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n";

        // sipp may need a moment to bind: resend on a bounded schedule until it answers.
        ReceivedPacket answer = default;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (answer.Data.IsEmpty)
        {
            await transport.SendAsync(Encoding.ASCII.GetBytes(options), new SipEndPoint(SipTransportKind.Udp, sipp.EndPoint), deadline.Token);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            wait.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                answer = await received.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
            }
        }

        var text = Encoding.ASCII.GetString(answer.Data.Span);
        Assert.StartsWith("SIP/2.0 200 OK\r\n", text);
        Assert.Contains("Call-ID: interop-options-1", text);
        Assert.Contains("branch=z9hG4bK-interop-1", text);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    private sealed class ChannelHandler(ChannelWriter<ReceivedPacket> writer) : ISipPacketHandler
    {
        public void OnPacket(ReceivedPacket packet) => writer.TryWrite(packet);

        public void OnTransportError(SipEndPoint remote, Exception error)
        {
        }
    }
}
