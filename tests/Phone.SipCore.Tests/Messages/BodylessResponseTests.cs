using System.Text;
using Phone.SipCore.Messages;
using TestMessages = Phone.SipCore.Tests.Transactions.Messages;

namespace Phone.SipCore.Tests.Messages;

public sealed class BodylessResponseTests
{
    private const string InDialogNotify =
        "NOTIFY sip:2001@127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-n1;rport=5070;received=127.0.0.1\r\n" +
        "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-p1\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:as@pbx.example.com>;tag=as1\r\n" +
        "To: <sip:2001@pbx.example.com>;tag=ph1\r\n" +
        "Call-ID: n1@127.0.0.1\r\n" +
        "CSeq: 9 NOTIFY\r\n" +
        "Contact: <sip:as@127.0.0.1:5070>\r\n" +
        "Event: as-feature-event\r\n" +
        "Subscription-State: active;expires=3600\r\n" +
        "Timestamp: 54\r\n" +
        "Content-Type: application/x-as-feature-event+xml\r\n" +
        "Content-Length: 4\r\n\r\nbody";

    // Folded Via, compact forms, bare LF line ends, no To tag: what the builder copies as received.
    private const string OddRequest =
        "INFO sip:2001@127.0.0.1 SIP/2.0\n" +
        "v: SIP/2.0/UDP 127.0.0.1:5070\n ;branch=z9hG4bK-o1\n" +
        "Max-Forwards: 70\n" +
        "f: <sip:as@pbx.example.com>;tag=as1\n" +
        "t: <sip:2001@pbx.example.com>\n" +
        "i: o1@127.0.0.1\n" +
        "Timestamp: 7 0.5\n" +
        "CSeq: 2 INFO\n" +
        "Content-Length: 0\n\n";

    [Theory]
    [InlineData(InDialogNotify, 200, null, null)]
    [InlineData(InDialogNotify, 200, null, "ignored")]
    [InlineData(InDialogNotify, 100, null, null)]
    [InlineData(InDialogNotify, 489, "Bad Event", null)]
    [InlineData(InDialogNotify, 603, "Declined: \u5fd9", null)]
    [InlineData(OddRequest, 200, null, null)]
    [InlineData(OddRequest, 100, null, null)]
    [InlineData(OddRequest, 200, null, "ph9")]
    [InlineData(OddRequest, 481, null, "ph9")]
    public void The_bytes_are_the_builders_for_the_same_response(string request, int status, string? reason, string? toTag)
    {
        var parsed = TestMessages.Parse<SipRequest>(request);
        var expected = SipMessageBuilder.ForResponseTo(parsed, status, reason, toTag).ToBytes();

        var bytes = BodylessResponse.ToBytes(parsed, status, reason, toTag);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(bytes));
        Assert.Equal(status, TestMessages.Parse<SipResponse>(Encoding.UTF8.GetString(bytes)).StatusCode);
    }

    [Fact]
    public void A_reason_phrase_with_a_line_break_or_a_status_out_of_range_is_refused_as_the_builder_refuses_it()
    {
        var request = TestMessages.Parse<SipRequest>(InDialogNotify);

        Assert.Throws<ArgumentException>(() => BodylessResponse.ToBytes(request, 200, "OK\r\nX-Injected: 1", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => BodylessResponse.ToBytes(request, 99, null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => BodylessResponse.ToBytes(request, 700, null, null));
    }
}
