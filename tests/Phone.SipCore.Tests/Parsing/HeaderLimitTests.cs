using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Parsing;

public sealed class HeaderLimitTests
{
    private static byte[] Options(int extraHeaders)
    {
        var text = new StringBuilder("OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
                                     "From: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n");
        for (var i = 0; i < extraHeaders; i++)
        {
            text.Append("X-").Append(i).Append(": v\r\n");
        }
        return Encoding.UTF8.GetBytes(text.Append("Content-Length: 0\r\n\r\n").ToString());
    }

    [Fact]
    public void A_message_with_exactly_the_maximum_number_of_headers_parses()
    {
        // Six headers above plus Content-Length: seven of the allowed total.
        var result = SipParser.TryParse(Options(SipParser.MaxHeaders - 7));

        Assert.True(result.Success, result.Reason);
    }

    [Fact]
    public void One_header_more_than_the_maximum_is_refused_as_a_flood()
    {
        var result = SipParser.TryParse(Options(SipParser.MaxHeaders - 6));

        Assert.False(result.Success);
        Assert.Equal(SipParseError.TooManyHeaders, result.Error);
    }
}
