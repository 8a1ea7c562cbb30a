using Phone.SipCore.Messages;

namespace Phone.SipCore.Tests.Messages;

/// <summary>URI comparison per RFC 3261 19.1.4, with its own examples.</summary>
public sealed class SipUriTests
{
    [Fact]
    public void Escaped_star_in_user_part_equals_plain_star()
    {
        // protocol.md: a feature code may arrive as %2A78.
        var escaped = SipUri.Parse("sip:%2A78@pbx.example.com");
        var plain = SipUri.Parse("sip:*78@pbx.example.com");
        Assert.Equal(plain, escaped);
        Assert.Equal(plain.GetHashCode(), escaped.GetHashCode());
        Assert.Equal("*78", escaped.UnescapedUser);
        Assert.Equal("%2A78", escaped.User);
    }

    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
        "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
        "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    public void Equivalent_uris_from_rfc_3261_19_1_4(string a, string b)
    {
        Assert.Equal(SipUri.Parse(a), SipUri.Parse(b));
    }

    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:bob@biloxi.com", "sips:bob@biloxi.com")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;maddr=239.255.255.1")]
    public void Non_equivalent_uris_from_rfc_3261_19_1_4(string a, string b)
    {
        Assert.NotEqual(SipUri.Parse(a), SipUri.Parse(b));
    }

    [Fact]
    public void Parts_are_exposed()
    {
        var uri = SipUri.Parse("sips:alice:secret@[2001:db8::1]:5061;transport=tls;lr?Subject=hi");
        Assert.True(uri.IsSecure);
        Assert.Equal(("alice", "secret", "[2001:db8::1]", 5061), (uri.User, uri.Password, uri.Host, uri.Port));
        Assert.Equal("tls", uri.Transport);
        Assert.True(uri.Parameters.Contains("lr"));
        Assert.Equal("hi", uri.Headers.Get("Subject"));
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:user@")]
    [InlineData("sip:user@host:99999")]
    [InlineData("sip:user@host;;lr")]
    [InlineData("sip:us er@host")]
    [InlineData("sip:user@2001:db8::1")]
    [InlineData("sip:100%@host")]
    [InlineData("tel:+1555")]
    public void Invalid_sip_uris_do_not_parse(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }
}
