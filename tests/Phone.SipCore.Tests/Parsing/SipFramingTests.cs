using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>Stream framing (RFC 3261 18.3) and keep-alives (RFC 5626 3.5.1).</summary>
public sealed class SipFramingTests
{
    private static readonly byte[] One = Encoding.UTF8.GetBytes(SipParserTests.Notify(body: "hello"));

    [Fact]
    public void Finds_the_end_of_one_message_followed_by_another()
    {
        var stream = One.Concat(One).ToArray();
        Assert.True(SipFraming.TryFindMessageLength(stream, out var length));
        Assert.Equal(One.Length, length);
        Assert.True(SipParser.TryParse(stream.AsMemory(0, length)).Success);
    }

    [Fact]
    public void Every_prefix_shorter_than_the_message_is_incomplete()
    {
        for (var i = 0; i < One.Length; i++)
        {
            Assert.Equal(SipFramingStatus.Incomplete, SipFraming.FindMessage(One.AsSpan(0, i), out _));
        }
        Assert.Equal(SipFramingStatus.Complete, SipFraming.FindMessage(One, out _));
    }

    [Fact]
    public void Leading_keep_alives_are_counted_into_the_length()
    {
        var stream = "\r\n\r\n\r\n"u8.ToArray().Concat(One).ToArray();
        Assert.Equal(6, SipFraming.CountLeadingCrlf(stream));
        Assert.True(SipFraming.TryFindMessageLength(stream, out var length));
        Assert.Equal(stream.Length, length);
        Assert.Equal(SipFramingStatus.Incomplete, SipFraming.FindMessage("\r\n\r\n"u8, out _));
    }

    [Fact]
    public void Compact_content_length_is_used()
    {
        var text = Encoding.UTF8.GetString(One).Replace("Content-Length: 5", "l:5");
        Assert.True(SipFraming.TryFindMessageLength(Encoding.UTF8.GetBytes(text + "NEXT"), out var length));
        Assert.Equal(Encoding.UTF8.GetByteCount(text), length);
    }

    [Fact]
    public void A_folded_line_that_looks_like_l_does_not_count()
    {
        var text = Encoding.UTF8.GetString(One).Replace("CSeq: 102 NOTIFY\r\n", "CSeq: 102 NOTIFY\r\nSubject: x\r\n l: 99\r\n");
        Assert.True(SipFraming.TryFindMessageLength(Encoding.UTF8.GetBytes(text), out var length));
        Assert.Equal(Encoding.UTF8.GetByteCount(text), length);
    }

    [Theory]
    [InlineData("Content-Length: -5")]
    [InlineData("Content-Length: 5\r\nl: 5")]
    [InlineData("Content-Length: 70000")]
    public void Unframeable_streams_are_invalid(string replacement)
    {
        var text = Encoding.UTF8.GetString(One).Replace("Content-Length: 5", replacement);
        Assert.Equal(SipFramingStatus.Invalid, SipFraming.FindMessage(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Endless_headers_past_64_KiB_are_invalid()
    {
        var junk = Encoding.ASCII.GetBytes("NOTIFY sip:a@b SIP/2.0\r\n" + new string('x', SipParser.MaxMessageSize));
        Assert.Equal(SipFramingStatus.Invalid, SipFraming.FindMessage(junk, out _));
    }
}
