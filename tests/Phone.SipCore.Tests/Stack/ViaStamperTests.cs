using System.Net;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;
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

    [Theory]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-5", "127.0.0.1", true)]
    [InlineData("SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-5", "127.0.0.1", true)]
    [InlineData("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK-5", "::1", true)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-5;rport", "127.0.0.1", false)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-5;RPort", "127.0.0.1", false)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5060;rport=5060;branch=z9hG4bK-5", "127.0.0.1", false)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-rport-5", "127.0.0.1", false)]
    [InlineData("SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-5", "127.0.0.1", false)]
    [InlineData("SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-5;received=127.0.0.1", "127.0.0.1", false)]
    [InlineData("SIP/2.0/UDP as.example.com;branch=z9hG4bK-5", "127.0.0.1", false)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-5, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-6", "127.0.0.1", false)]
    [InlineData("SIP / 2.0 / UDP 127.0.0.1:5060;branch=z9hG4bK-5", "127.0.0.1", true)]
    public void The_receive_path_form_stamps_exactly_as_the_full_check(string via, string source, bool passesWithoutParsing)
    {
        // The SipEndPoint form decides the common case from bytes and hands the rest to the full
        // check; whichever way it goes, the result must be what the full check gives.
        var address = IPAddress.Parse(source);
        var endPoint = new IPEndPoint(address, 40123);
        var expected = ViaStamper.Stamp(Request(via), endPoint);
        var request = Request(via);

        var stamped = ViaStamper.Stamp(request, new SipEndPoint(SipTransportKind.Udp, endPoint));

        Assert.Equal(expected.GetHeaderValues(HeaderId.Via), stamped.GetHeaderValues(HeaderId.Via));
        if (passesWithoutParsing)
        {
            Assert.Same(request, stamped);
        }
    }
}
