using Phone.SipCore.Messages;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Tests.Transactions;

public sealed class TransactionKeyTests
{
    private static SipRequest Request(string method, string vias) => Messages.Parse<SipRequest>(
        $"{method} sip:2001@pbx.example.com SIP/2.0\r\n" +
        vias +
        "Max-Forwards: 70\r\nFrom: <sip:as@x>;tag=a\r\nTo: <sip:2001@x>;tag=b\r\nCall-ID: c1\r\n" +
        $"CSeq: 7 {method}\r\nContent-Length: 0\r\n\r\n");

    /// <summary>The top Vias both key kinds are read from: the usual one and every shape that takes the Via object.</summary>
    public static TheoryData<string> ViaShapes =>
    [
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1;rport\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-1\r\n",
        "Via: SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK-1\r\n",
        "Via: SIP/2.0/UDP as.example.com:5060;BRANCH=z9hG4bK-Up;rport\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060 ; branch = z9hG4bK-1 ; rport\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1;branch=z9hG4bK-2\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=\"z9hG4bK-q\"\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;rport\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=old-2543\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-2\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\nVia: SIP/2.0/TCP 10.0.0.1;branch=z9hG4bK-2\r\n",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1;rport=5060;received=127.0.0.1\r\n",
    ];

    [Theory]
    [MemberData(nameof(ViaShapes))]
    public void A_server_key_is_what_the_top_via_object_gives(string vias)
    {
        // ForServer reads the usual Via from its bytes and leaves the rest to the Via object;
        // either way the key must be the one RFC 3261 17.2.3 builds from the top Via.
        foreach (var method in new[] { "NOTIFY", "ACK" })
        {
            var request = Request(method, vias);
            var via = request.TopVia;
            var branch = via.Branch ?? "";
            if (!branch.StartsWith("z9hG4bK", StringComparison.Ordinal))
            {
                branch = $"{branch}|{request.CallId}|{request.CSeq.Number}|{request.FromTag}";
            }
            var expected = new TransactionKey(branch, $"{via.Host}:{via.Port ?? 0}", method == "ACK" ? "INVITE" : method);

            Assert.Equal(expected, TransactionKey.ForServer(request));
        }
    }

    [Theory]
    [MemberData(nameof(ViaShapes))]
    public void A_client_key_is_the_top_via_objects_branch_and_the_cseq_method(string vias)
    {
        // RFC 3261 17.1.3: a response matches the client transaction by its top Via's branch and
        // its CSeq method; the branch read from the bytes must be the Via object's.
        var response = Messages.Parse<SipResponse>(
            "SIP/2.0 200 OK\r\n" + vias +
            "From: <sip:1001@x>;tag=a\r\nTo: <sip:1001@x>;tag=b\r\nCall-ID: c1\r\nCSeq: 7 SUBSCRIBE\r\nContent-Length: 0\r\n\r\n");
        var request = Request("SUBSCRIBE", vias);

        Assert.Equal(new TransactionKey(response.TopVia.Branch ?? "", "", "SUBSCRIBE"), TransactionKey.ForClient(response));
        Assert.Equal(response.TopVia.Branch ?? "", TransactionKey.TopBranch(response));
        Assert.Equal(request.TopVia.Branch ?? "", TransactionKey.TopBranch(request));
    }
}
