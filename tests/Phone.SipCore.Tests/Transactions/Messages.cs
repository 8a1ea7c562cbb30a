using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Transactions;

/// <summary>Small, valid SIP messages for transaction tests.</summary>
internal static class Messages
{
    public static SipRequest Request(string method, string branch = "z9hG4bK-t1", string transport = "UDP", uint cseq = 1) =>
        Parse<SipRequest>(
            $"{method} sip:2001@pbx.example.com SIP/2.0\r\n" +
            $"Via: SIP/2.0/{transport} 127.0.0.1:5060;branch={branch};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:2001@pbx.example.com>;tag=phone1\r\n" +
            "To: <sip:2001@pbx.example.com>\r\n" +
            "Call-ID: call-1@127.0.0.1\r\n" +
            $"CSeq: {cseq} {method}\r\n" +
            "Content-Length: 0\r\n\r\n");

    public static SipResponse Response(SipRequest request, int status, string? toTag = "srv1") =>
        SipResponse.Create(request, status, null, toTag);

    public static T Parse<T>(string text) where T : SipMessage
    {
        var result = SipParser.TryParse(Encoding.UTF8.GetBytes(text));
        Assert.True(result.Success, result.Reason);
        return Assert.IsType<T>(result.Message);
    }

    /// <summary>A response as the peer would send it, re-parsed from bytes.</summary>
    public static SipResponse Reparse(SipResponse response) => Parse<SipResponse>(Encoding.UTF8.GetString(response.Buffer.Span));
}
