using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>RFC 5118 (SIP torture tests for IPv6), section 4, recreated from the RFC text.</summary>
public sealed class Rfc5118Tests
{
    private static string Register(string requestUri, string via, string contact) => $"""
        REGISTER {requestUri} SIP/2.0
        To: sip:user@example.com
        From: sip:user@example.com;tag=81x2
        Via: {via}
        Call-ID: SSG9559905523997077@hlau_4100
        Max-Forwards: 70
        Contact: {contact}
        CSeq: 98176 REGISTER
        Content-Length: 0


        """;

    [Fact]
    public void Ipv6_good_4_1()
    {
        var message = Parse(Register("sip:[2001:db8::10]", "SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111",
            "\"Caller\" <sip:caller@[2001:db8::1]>"));
        Assert.Equal("[2001:db8::10]", ((SipRequest)message).RequestUri!.Host);
        Assert.Equal("[2001:db8::9:1]", message.TopVia.Host);
        Assert.Null(message.TopVia.Port);
        Assert.True(message.TryGetContacts(out var contacts));
        Assert.Equal("[2001:db8::1]", contacts[0].Address!.Uri!.Host);
    }

    [Fact]
    public void Ipv6_bad_4_2_without_brackets_is_rejected()
    {
        var result = SipParser.TryParse(TortureText.Expand(Register("sip:2001:db8::10", "SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3",
            "\"Caller\" <sip:caller@[2001:db8::1]>")));
        Assert.Equal(SipParseError.InvalidRequestUri, result.Error);
        Assert.Equal(400, result.SuggestedStatusCode);
    }

    [Fact]
    public void Port_ambiguous_4_3_has_no_port()
    {
        var message = Parse(Register("sip:[2001:db8::10:5070]", "SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111",
            "\"Caller\" <sip:caller@[2001:db8::1]>"));
        var uri = ((SipRequest)message).RequestUri!;
        Assert.Equal("[2001:db8::10:5070]", uri.Host);
        Assert.Null(uri.Port);
    }

    [Fact]
    public void Port_unambiguous_4_4_has_port_5070()
    {
        var message = Parse(Register("sip:[2001:db8::10]:5070", "SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111",
            "\"Caller\" <sip:caller@[2001:db8::1]>"));
        Assert.Equal(5070, ((SipRequest)message).RequestUri!.Port);
        Assert.Equal(6050, message.TopVia.Port);
    }

    [Theory]
    [InlineData("[2001:db8::9:255]")] // 4.5: received with delimiters
    [InlineData("2001:db8::9:255")] // 4.6: received without delimiters
    public void Via_received_param_with_and_without_delimiters(string received)
    {
        var message = Parse($"""
            BYE sip:[2001:db8::10] SIP/2.0
            To: sip:user@example.com;tag=bd76ya
            From: sip:user@example.com;tag=81x2
            Via: SIP/2.0/UDP [2001:db8::9:1];received={received};branch=z9hG4bKas3
            Call-ID: SSG9559905523997077@hlau_4100
            Max-Forwards: 70
            CSeq: 321 BYE
            Content-Length: 0


            """);
        Assert.Equal(received, message.TopVia.Received);
    }

    [Fact]
    public void Ipv4_mapped_ipv6_4_9()
    {
        var message = Parse(Register("sip:example.com", "SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19",
            "\"T. desk phone\" <sip:ted@[::ffff:192.0.2.10]:19823>"));
        Assert.Equal("[::ffff:192.0.2.10]", message.TopVia.Host);
        Assert.True(message.TryGetContacts(out var contacts));
        Assert.Equal(19823, contacts[0].Address!.Uri!.Port);
    }

    [Fact]
    public void Ipv6_uris_compare_case_insensitively()
    {
        Assert.Equal(SipUri.Parse("sip:user@[2001:DB8::1]:5060"), SipUri.Parse("sip:user@[2001:db8::1]:5060"));
    }

    private static SipMessage Parse(string text)
    {
        var result = SipParser.TryParse(TortureText.Expand(text));
        Assert.True(result.Success, result.ToString());
        return result.Message;
    }
}
