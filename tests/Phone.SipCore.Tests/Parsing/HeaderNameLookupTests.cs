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
}
