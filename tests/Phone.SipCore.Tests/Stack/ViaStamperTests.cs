using System.Net;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using TestMessages = Phone.SipCore.Tests.Transactions.Messages;

namespace Phone.SipCore.Tests.Stack;

public sealed class ViaStamperTests
{
    private static SipRequest Request(string via) => TestMessages.Parse<SipRequest>(
        "NOTIFY sip:2001@127.0.0.1 SIP/2.0\r\n" +
        $"Via: {via}\r\nVia: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-p\r\n" +
        "Max-Forwards: 70\r\nFrom: <sip:as@x>;tag=a\r\nTo: <sip:2001@x>;tag=b\r\nCall-ID: c1\r\nCSeq: 1 NOTIFY\r\nContent-Length: 0\r\n\r\n");

    [Fact]
    public void An_empty_rport_gets_the_source_port_and_received()
    {
        var stamped = ViaStamper.Stamp(Request("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-1;rport"), new IPEndPoint(IPAddress.Parse("198.51.100.7"), 40123));

        Assert.Equal(40123, stamped.TopVia.RPort);
        Assert.Equal("198.51.100.7", stamped.TopVia.Received);
        Assert.Equal("z9hG4bK-1", stamped.TopVia.Branch);
        Assert.Equal(2, stamped.Vias.Count); // the other Via is untouched
        Assert.Equal("proxy.example.com", stamped.Vias[1].Host);
    }

    [Fact]
    public void A_sent_by_other_than_the_source_gets_received()
    {
        var stamped = ViaStamper.Stamp(Request("SIP/2.0/UDP as.example.com:5060;branch=z9hG4bK-2"), new IPEndPoint(IPAddress.Loopback, 5060));

        Assert.Equal("127.0.0.1", stamped.TopVia.Received);
        Assert.False(stamped.TopVia.HasRPort);
    }

    [Fact]
    public void A_matching_sent_by_without_rport_is_left_as_it_is()
    {
        var request = Request("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-3");

        Assert.Same(request, ViaStamper.Stamp(request, new IPEndPoint(IPAddress.Loopback, 5060)));
    }

    [Fact]
    public void The_response_built_from_a_stamped_request_carries_the_stamp()
    {
        var stamped = ViaStamper.Stamp(Request("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-4;rport"), new IPEndPoint(IPAddress.Loopback, 41000));

        var response = SipResponse.Create(stamped, 200);

        Assert.Equal(41000, response.TopVia.RPort);
        Assert.Equal("127.0.0.1", response.TopVia.Received);
    }
}
