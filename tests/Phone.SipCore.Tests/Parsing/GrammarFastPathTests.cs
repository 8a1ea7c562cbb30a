using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>
/// The URI and Via parsers take a one-pass path for the usual forms (user@host:port, a tight
/// Via sent-by) and the general path for the rest. These hold both paths to the same verdicts
/// and parts at the edges where one hands over to the other (RFC 3261 19.1.1, 20.42, 25.1).
/// </summary>
public sealed class GrammarFastPathTests
{
    [Theory]
    [InlineData("sip:2001@as.example.com", 4, 4, 9, 14, -1)]
    [InlineData("sip:2001@192.0.2.10:5060", 4, 4, 9, 10, 5060)]
    [InlineData("sip:u@h:65535", 4, 1, 6, 1, 65535)]
    [InlineData("sip:u@h:05060", 4, 1, 6, 1, 5060)] // five digits with a leading zero: still a port
    [InlineData("sip:u@h:000005060", 4, 1, 6, 1, 5060)] // more than five digits: the general path decides
    [InlineData("sip:u@h:5060;transport=udp", 4, 1, 6, 1, 5060)]
    [InlineData("sip:u@h?Subject=x", 4, 1, 6, 1, -1)]
    [InlineData("sip:u%41@h", 4, 4, 9, 1, -1)] // an escape: the general path
    [InlineData("sip:u:pw@h", 4, 1, 9, 1, -1)] // a password: the general path
    [InlineData("sip:a;b=c@h", 4, 5, 10, 1, -1)] // user-unreserved ";" "=" in the user part
    [InlineData("sip:h:5060", -1, -1, 4, 1, 5060)]
    [InlineData("sip:[2001:db8::1]:5060", -1, -1, 4, 13, 5060)]
    [InlineData("sips:h", -1, -1, 5, 1, -1)]
    public void Valid_sip_uris_give_their_parts(string text, int userStart, int userLength, int hostStart, int hostLength, int port)
    {
        Assert.True(SipUriParser.TryParse(Encoding.ASCII.GetBytes(text), out var parts, out var reason), reason);
        Assert.Equal((userStart, userLength, hostStart, hostLength, port),
            (parts.UserStart, parts.UserLength, parts.HostStart, parts.HostLength, parts.Port));
    }

    [Theory]
    [InlineData("sip:u@h:65536")]
    [InlineData("sip:u@h:99999")]
    [InlineData("sip:u@h:")]
    [InlineData("sip:u@h:5060x")]
    [InlineData("sip:u@h:5060:5061")]
    [InlineData("sip:u@h;")]
    [InlineData("sip:u@")]
    [InlineData("sip:@h")]
    [InlineData("sip:u%4@h")]
    [InlineData("sip:u@h_x")]
    [InlineData("sip:u@h x")]
    [InlineData("sip:u@@h")]
    [InlineData("sip:u@[2001:db8::1")]
    public void Invalid_sip_uris_are_refused(string text)
    {
        Assert.False(SipUriParser.TryParse(Encoding.ASCII.GetBytes(text), out _, out var reason));
        Assert.NotEmpty(reason);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK1;rport", true, 5060)]
    [InlineData("SIP/2.0/UDP h", true, -1)]
    [InlineData("SIP/2.0/UDP h:65535", true, 65535)]
    [InlineData("SIP/2.0/UDP h : 5060", true, 5060)] // SWS around the colon: the general path
    [InlineData("SIP/2.0/UDP [2001:db8::1]:5060", true, 5060)]
    [InlineData("sip/2.0/udp h:5060", true, 5060)] // not "SIP/2.0/" byte for byte: the token walk
    [InlineData("SIP / 2.0 / UDP h", true, -1)] // SWS around the slashes (RFC 4475 3.1.1.1)
    [InlineData("SIP/2.0/ UDP h", true, -1)]
    [InlineData("SIP/2.0/", false, 0)]
    [InlineData("SIP/2.0/UDP", false, 0)]
    [InlineData("SIP/2.0/UDP h:65536", false, 0)]
    [InlineData("SIP/2.0/UDP h:", false, 0)]
    [InlineData("SIP/2.0/UDP h:;branch=z9hG4bK1", false, 0)]
    [InlineData("SIP/2.0/UDP :5060", false, 0)]
    [InlineData("SIP/2.0/UDP h_x", false, 0)]
    public void Via_sent_by_is_checked_the_same_on_both_paths(string text, bool valid, int port)
    {
        Assert.Equal(valid, ViaParser.TryParse(Encoding.ASCII.GetBytes(text), out var parts, out _));
        if (valid)
        {
            Assert.Equal(port, parts.Port);
        }
    }

    [Theory]
    [InlineData("<sip:2001@as.example.com>;tag=8a7f3c21")]
    [InlineData("<sip:2001@as.example.com>")]
    [InlineData("<SIPS:u@h:5061>;TAG=x;other")]
    [InlineData("<sip:h>;tag=1")]
    [InlineData("<sip:u@h:65535>;tag=a")]
    [InlineData("<sip:u@h:65536>;tag=a")]
    [InlineData("<sip:u@h:>;tag=a")]
    [InlineData("<sip:u@h;transport=udp>;tag=a")]
    [InlineData("<sip:u@h?Subject=x>;tag=a")]
    [InlineData("<sip:u%41@h>;tag=a")]
    [InlineData("<sip:u:pw@h>;tag=a")]
    [InlineData("<sip:u@[2001:db8::1]>;tag=a")]
    [InlineData("<sip:u@h>;tag=a;;")]
    [InlineData("<sip:u@h>;tag=\"q\"")]
    [InlineData("<sip:u@h> ; tag = a")]
    [InlineData("<sip:u@h>;tag")]
    [InlineData("<sip:u@h>;tag=")]
    [InlineData("<sip:u@h>;tag=a b")]
    [InlineData("<sip:u@h>;tag=a ")]
    [InlineData("<sip:u@h>;tag=[2001:db8::1]")]
    [InlineData("<sip:u@h>;tag=a;tag=b")]
    [InlineData("<sip:u@h>;Tag=a")]
    [InlineData("<sip:u@h>;tag=a,b")]
    [InlineData("<sip:u@h>x")]
    [InlineData("<sip:u@h")]
    [InlineData("<sip:@h>;tag=a")]
    [InlineData("<sip:u@>;tag=a")]
    [InlineData("<sip:u@h x>;tag=a")]
    [InlineData("<tel:+1234>;tag=a")]
    [InlineData("<si:u@h>;tag=a")]
    [InlineData("<sipx:u@h>;tag=a")]
    [InlineData("\"Bob\" <sip:u@h>;tag=a")]
    [InlineData("Bob <sip:u@h>;tag=a")]
    [InlineData("sip:u@h;tag=a")]
    [InlineData("<>")]
    [InlineData("<")]
    public void From_and_to_validation_agrees_with_the_full_name_addr_parse(string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        var full = NameAddrParser.TryParse(bytes, out var parts, out var fullReason);

        var quick = NameAddrParser.TryValidate(bytes, out var tag, out var quickReason);

        Assert.Equal(full, quick);
        Assert.Equal(fullReason, quickReason);
        if (full)
        {
            Assert.Equal(Encoding.ASCII.GetString(bytes.AsSpan()[parts.Tag]), Encoding.ASCII.GetString(bytes.AsSpan()[tag]));
        }
    }

    [Theory]
    [InlineData("sip:2001@192.0.2.10:5060", 24)]
    [InlineData("sip:2001@192.0.2.10:5060;transport=udp", 24)] // the prefix ends before the parameters
    [InlineData("sips:h", 6)]
    [InlineData("sip:h:99999", -1)]
    [InlineData("sip:u%41@h", 5)] // the user is not plain, so the prefix is a host "u" only: not the whole URI
    [InlineData("tel:+1", -1)]
    [InlineData("sip:", -1)]
    public void The_plain_uri_prefix_ends_where_the_usual_form_ends(string text, int length)
    {
        Assert.Equal(length, SipUriParser.PlainPrefixLength(Encoding.ASCII.GetBytes(text)));
    }

    private static SipParseResult ParseWithVia(string via) => SipParser.TryParse(Encoding.ASCII.GetBytes(
        "NOTIFY sip:2001@192.0.2.10 SIP/2.0\r\nVia: " + via + "\r\nMax-Forwards: 70\r\nFrom: <sip:a@b>;tag=1\r\n"
        + "To: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 NOTIFY\r\nContent-Length: 0\r\n\r\n"));

    [Theory]
    [InlineData("SIP/2.0/UDP a;branch=z9hG4bK1", 1)]
    [InlineData("SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP b:5061;branch=z9hG4bK2", 2)] // two in one line: the list walk
    [InlineData("SIP/2.0/UDP a;x=\"p,q\"", 1)] // a comma inside a quoted value splits nothing
    [InlineData("SIP/2.0/UDP a;x=\"p,q\" , SIP/2.0/UDP b", 2)]
    public void A_via_line_holds_its_via_parms(string via, int count)
    {
        var result = ParseWithVia(via);
        Assert.True(result.Success, result.ToString());
        Assert.Equal(count, result.Message.Vias.Count);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP a;x=\"p")]
    [InlineData("SIP/2.0/UDP a, ")]
    [InlineData("SIP/2.0/UDP a,,SIP/2.0/UDP b")]
    [InlineData("SIP/2.0/UDP a;<x>")]
    [InlineData("SIP/2.0/UDP <a>")]
    public void A_broken_via_line_is_refused_whichever_path_sees_it(string via)
    {
        var result = ParseWithVia(via);
        Assert.Equal(SipParseError.InvalidVia, result.Error);
        Assert.NotEmpty(result.Reason);
    }

    [Fact]
    public void The_inline_line_feed_search_finds_what_the_library_search_finds()
    {
        // Every start offset of buffers 0-100 bytes long with LFs at varied places, so hits fall
        // inside a 32-byte step, on its edges, and in the tail the library search takes.
        var random = new Random(14);
        for (var length = 0; length <= 100; length++)
        {
            var buffer = new byte[length];
            for (var i = 0; i < length; i++)
            {
                buffer[i] = random.Next(12) == 0 ? (byte)'\n' : (byte)'a';
            }
            for (var from = 0; from <= length; from++)
            {
                var expected = buffer.AsSpan(from).IndexOf((byte)'\n');
                Assert.Equal(expected < 0 ? -1 : from + expected, SipLexer.IndexOfLf(buffer, from));
            }
        }
    }
}
