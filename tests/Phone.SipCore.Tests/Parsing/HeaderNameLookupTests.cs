using System.Text;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>
/// SipHeaderNames.Lookup compares 64-bit keys of a name's first and last 8 bytes; these tests
/// hold it to a byte-for-byte, case-insensitive match (RFC 3261 7.3.1) where the key alone
/// would not tell names apart.
/// </summary>
public class HeaderNameLookupTests
{
    public static TheoryData<HeaderId> KnownIds()
    {
        var data = new TheoryData<HeaderId>();
        foreach (var id in Enum.GetValues<HeaderId>().Where(id => id != HeaderId.Unknown))
        {
            data.Add(id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void Every_long_name_resolves_in_any_case(HeaderId id)
    {
        var name = SipHeaderNames.GetLongName(id);
        Assert.Equal(id, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name)));
        Assert.Equal(id, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name.ToUpperInvariant())));
        Assert.Equal(id, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name.ToLowerInvariant())));
    }

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void A_name_differing_in_any_one_byte_is_not_that_header(HeaderId id)
    {
        var name = Encoding.ASCII.GetBytes(SipHeaderNames.GetLongName(id));
        for (var i = 0; i < name.Length; i++)
        {
            var changed = (byte[])name.Clone();
            changed[i] = (byte)'x';
            if (changed.AsSpan().SequenceEqual(name) || (name[i] | 0x20) == 'x')
            {
                continue;
            }
            Assert.NotEqual(id, SipHeaderNames.Lookup(changed));
        }
    }

    [Theory]
    [InlineData("SubscripXXon-State")] // first and last 8 bytes of Subscription-State, middle changed
    [InlineData("Request-DisXXsition")]
    [InlineData("Proxy-AuthXXization")]
    [InlineData("Content-DisXXsition")]
    [InlineData("Max-Forward")] // shorter and longer than a known name
    [InlineData("Max-Forwardss")]
    public void Near_misses_are_unknown(string name)
    {
        Assert.Equal(HeaderId.Unknown, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name)));
    }

    // The parser's form: the name inside its header line, keyed by one masked 8-byte read when short.
    private static HeaderId LookupInLine(byte[] name)
    {
        var line = Encoding.ASCII.GetBytes("x\r\n").Concat(name).Concat(Encoding.ASCII.GetBytes(": v\r\n")).ToArray();
        return SipHeaderNames.Lookup(line, 3, name.Length);
    }

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void A_name_inside_its_header_line_resolves_as_the_name_alone_does(HeaderId id)
    {
        var name = SipHeaderNames.GetLongName(id);
        foreach (var form in new[] { name, name.ToUpperInvariant(), name.ToLowerInvariant() })
        {
            Assert.Equal(id, LookupInLine(Encoding.ASCII.GetBytes(form)));
        }
        var bytes = Encoding.ASCII.GetBytes(name);
        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] = (byte)'x';
            Assert.Equal(SipHeaderNames.Lookup(changed), LookupInLine(changed));
        }
    }

    [Theory]
    [InlineData("Vi")] // a prefix of a short name: the bytes past the name must not count
    [InlineData("Fro")]
    [InlineData("CSe")]
    [InlineData("X-Foo")]
    public void A_short_unknown_name_inside_a_line_is_unknown(string name)
    {
        Assert.Equal(HeaderId.Unknown, LookupInLine(Encoding.ASCII.GetBytes(name)));
    }

    [Fact]
    public void Every_header_id_has_a_slot_in_the_first_index_table()
    {
        Assert.All(Enum.GetValues<HeaderId>(), id => Assert.InRange((int)id, 0, SipMessage.HeaderIdSlots - 1));
    }
}
