using System.Text;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>
/// RFC 4475 3.1.1.7 (longreq) and 3.1.1.11 (mpart01), whose length or binary content is
/// easier to write as code. Content-Length is computed for mpart01 because the RFC's
/// signature bytes are replaced by stand-in binary (CR, LF, NUL and high bytes included).
/// </summary>
internal static class Rfc4475ValidGenerated
{
    public static byte[] Longreq()
    {
        var vias = new StringBuilder();
        string[] spellings = ["Via", "v", "V", "Via", "ViA", "VIa", "VIA", "vIa", "viA", "vIA", "via"];
        for (var i = 33; i >= 1; i--)
        {
            vias.Append(spellings[(33 - i) % spellings.Length]).Append(": SIP/2.0/TCP sip").Append(i).Append(".example.com\n");
        }
        var text = """
            INVITE sip:user@example.com SIP/2.0
            <allOneLine>
            To: "I have a user name of <repeat count=10>extreme</repeat> proportion"
            <sip:user@example.com:6000;unknownparam1=very<repeat count=20>long</repeat>value;
            longparam<repeat count=25>name</repeat>=shortvalue;
            very<repeat count=25>long</repeat>ParameterNameWithNoValue>
            </allOneLine>
            <allOneLine>
            F: sip:<repeat count=5>amazinglylongcallername</repeat>@example.net
            ;tag=12<repeat count=50>982</repeat>424
            ;unknownheaderparam<repeat count=20>name</repeat>=
            unknowheaderparam<repeat count=15>value</repeat>
            ;unknownValuelessparam<repeat count=10>name</repeat>
            </allOneLine>
            Call-ID: longreq.one<repeat count=20>really</repeat>longcallid
            CSeq: 3882340 INVITE
            <allOneLine>
            Unknown-<repeat count=20>Long</repeat>-Name:
            unknown-<repeat count=20>long</repeat>-value;
            unknown-<repeat count=20>long</repeat>-parameter-name =
            unknown-<repeat count=20>long</repeat>-parameter-value
            </allOneLine>
            VIAS<allOneLine>
            Via: SIP/2.0/TCP host.example.com;received=192.0.2.5;
            branch=very<repeat count=50>long</repeat>branchvalue
            </allOneLine>
            Max-Forwards: 70
            <allOneLine>
            Contact: <sip:<repeat count=5>amazinglylongcallername</repeat>@host5.example.net>
            </allOneLine>
            Content-Type: application/sdp
            l: 150

            v=0
            o=mhandley 29739 7272939 IN IP4 192.0.2.3
            s=-
            c=IN IP4 192.0.2.4
            t=0 0
            m=audio 49217 RTP/AVP 0 12
            m=video 3227 RTP/AVP 31
            a=rtpmap:31 LPC

            """.Replace("VIAS", vias.ToString());
        return TortureText.Expand(text);
    }

    public static readonly byte[] MpartSignature =
        [0x30, 0x82, 0x01, 0x52, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0,
         0x0D, 0x0A, 0x00, 0x00, 0x0D, 0x0A, 0x0D, 0x0A, 0x2D, 0x2D, 0xFF, 0xFE, 0x31, 0x0B, 0x30, 0x09];

    public static byte[] Mpart01()
    {
        var head = TortureText.Expand("""
            --7a9cbec02ceef655
            Content-Type: text/plain
            Content-Transfer-Encoding: binary

            Hello
            --7a9cbec02ceef655
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: binary


            """);
        var tail = TortureText.Expand("""

            --7a9cbec02ceef655--

            """);
        var body = head.Concat(MpartSignature).Concat(tail).ToArray();
        var headers = TortureText.Expand($"""
            MESSAGE sip:kumiko@example.org SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;rport
            Max-Forwards: 70
            Route: <sip:127.0.0.1:5080>
            <allOneLine>
            Identity: r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHuLIK0YWVKZhKv9Mj8UeXqkMVbnVq37CD+813gvYjcBUaZngQmXc9WNZSDNGCzA+fWl9MEUHWIZo1CeJebdY/XlgKeTa0Olvq0rt70Q5jiSfbqMJmQFteeivUhkMWYUA=
            </allOneLine>
            Contact: <sip:fluffy@127.0.0.1:5070>
            To: <sip:kumiko@example.org>
            From: <sip:fluffy@example.com>;tag=2fb0dcc9
            Call-ID: 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..
            CSeq: 1 MESSAGE
            Content-Transfer-Encoding: binary
            Content-Type: multipart/mixed;boundary=7a9cbec02ceef655
            Date: Sat, 15 Oct 2005 04:44:56 GMT
            User-Agent: SIPimp.org/0.2.5 (curses)
            Content-Length: {body.Length}


            """);
        return headers.Concat(body).ToArray();
    }
}
