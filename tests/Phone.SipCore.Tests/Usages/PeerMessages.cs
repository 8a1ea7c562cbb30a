using Phone.SipCore.Messages;
using Phone.SipCore.Stack;

namespace Phone.SipCore.Tests.Usages;

/// <summary>Requests the scripted server sends to the phone, as wire text.</summary>
internal static class PeerMessages
{
    public static string Request(string method, string uri, string branch, string callId, string from, string to, string cseq,
        string? contentType = null, string body = "", string extra = "") =>
        $"{method} {uri} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.2:5060;branch={branch}\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: {from}\r\n" +
        $"To: {to}\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq}\r\n" +
        "Contact: <sip:pbx@127.0.0.2:5060>\r\n" +
        extra +
        (contentType is null ? "" : $"Content-Type: {contentType}\r\n") +
        $"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    /// <summary>A new INVITE to the phone's user 2001.</summary>
    public static string Invite(string branch, string callId, string? contentType = null, string body = "", string extra = "") =>
        Request("INVITE", "sip:2001@127.0.0.1", branch, callId, "<sip:3001@127.0.0.2>;tag=caller", "<sip:2001@127.0.0.2>",
            "1 INVITE", contentType, body, extra);

    /// <summary>CANCEL of <see cref="Invite"/>: same branch, Call-ID, From, To and CSeq number (RFC 3261 9.1).</summary>
    public static string Cancel(string branch, string callId) =>
        Request("CANCEL", "sip:2001@127.0.0.1", branch, callId, "<sip:3001@127.0.0.2>;tag=caller", "<sip:2001@127.0.0.2>", "1 CANCEL");

    /// <summary>An in-dialog request from the caller side of <see cref="Invite"/> once the phone's tag is known.</summary>
    public static string InDialog(string method, string callId, string phoneTag, int cseq, string? contentType = null, string body = "") =>
        Request(method, "sip:2001@127.0.0.1", SipIds.NewBranch(), callId, "<sip:3001@127.0.0.2>;tag=caller",
            $"<sip:2001@127.0.0.2>;tag={phoneTag}", $"{cseq} {method}", contentType, body);
}
