using Phone.SipCore.Messages;

namespace Phone.SipCore.Tests.Messages;

public sealed class SmallTypeTests
{
    [Theory]
    [InlineData("INVITE")]
    [InlineData("INFO")]
    [InlineData("REGISTER")]
    [InlineData("REFER")]
    [InlineData("PRACK")]
    [InlineData("PUBLISH")]
    [InlineData("SUBSCRIBE")]
    [InlineData("NOTIFY")]
    public void Known_methods_come_back_as_the_cached_instance(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name);
        var first = SipMethod.FromBytes(bytes);
        Assert.Equal(name, first.Name);
        Assert.Same(first.Name, SipMethod.FromBytes(bytes).Name); // no new string per parse
    }

    [Fact]
    public void Methods_are_case_sensitive()
    {
        // RFC 3261 7.1: the method name is case-sensitive.
        Assert.NotEqual(SipMethod.Invite, SipMethod.FromBytes("invite"u8));
        Assert.Equal("invite", SipMethod.FromBytes("invite"u8).Name);
        Assert.Equal(new SipMethod("FOO"), SipMethod.FromBytes("FOO"u8));
    }

    [Fact]
    public void Name_addr_to_string_quotes_what_needs_quoting()
    {
        Assert.True(NameAddr.TryParse("\"A \\\"B\\\"\" <sip:a@b>;tag=1;x=\"has space\"", out var value));
        var text = value.ToString();
        Assert.Equal("\"A \\\"B\\\"\" <sip:a@b>;tag=1;x=\"has space\"", text);
        Assert.True(NameAddr.TryParse(text, out var again));
        Assert.Equal(("A \"B\"", "has space"), (again.DisplayName, again.Parameters.Get("x")));
    }

    [Fact]
    public void Reason_phrases_default_by_code_and_class()
    {
        Assert.Equal("Bad Event", SipReasonPhrases.Get(489));
        Assert.Equal("Client Error", SipReasonPhrases.Get(499));
    }

    [Fact]
    public void Cseq_prints_as_on_the_wire()
    {
        Assert.Equal("102 NOTIFY", new CSeq(102, SipMethod.Notify).ToString());
    }
}
