using System.Text;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Message boundaries on a stream transport (RFC 3261 18.3): the end of the headers plus
/// Content-Length (long or compact "l"). CRLFs before a message are keep-alives
/// (RFC 5626 3.5.1) and are counted into the message length so the caller skips them.
/// </summary>
public static class SipFraming
{
    /// <summary>Length of the first message in <paramref name="buffer"/>, leading CRLFs included.</summary>
    public static bool TryFindMessageLength(ReadOnlySpan<byte> buffer, out int length) =>
        FindMessage(buffer, out length) == SipFramingStatus.Complete;

    /// <summary>Number of leading CR/LF bytes (keep-alive pings "\r\n\r\n" and pongs "\r\n").</summary>
    public static int CountLeadingCrlf(ReadOnlySpan<byte> buffer)
    {
        var i = 0;
        while (i < buffer.Length && buffer[i] is SipLexer.Cr or SipLexer.Lf)
        {
            i++;
        }
        return i;
    }

    public static SipFramingStatus FindMessage(ReadOnlySpan<byte> buffer, out int length)
    {
        length = 0;
        var start = CountLeadingCrlf(buffer);
        var message = buffer[start..];
        var headersEnd = FindHeadersEnd(message);
        if (headersEnd < 0)
        {
            return message.Length > SipParser.MaxMessageSize ? SipFramingStatus.Invalid : SipFramingStatus.Incomplete;
        }
        if (!TryReadContentLength(message[..headersEnd], out var contentLength))
        {
            return SipFramingStatus.Invalid;
        }
        var total = (long)headersEnd + contentLength;
        if (total > SipParser.MaxMessageSize)
        {
            return SipFramingStatus.Invalid;
        }
        if (message.Length < total)
        {
            return SipFramingStatus.Incomplete;
        }
        length = start + (int)total;
        return SipFramingStatus.Complete;
    }

    // Offset just past the empty line (CRLFCRLF, or bare LFLF from lenient senders); -1 if not yet there.
    private static int FindHeadersEnd(ReadOnlySpan<byte> s)
    {
        var from = 0;
        while (true)
        {
            var lf = s[from..].IndexOf(SipLexer.Lf);
            if (lf < 0)
            {
                return -1;
            }
            var next = from + lf + 1;
            if (next >= s.Length)
            {
                return -1;
            }
            if (s[next] == SipLexer.Lf)
            {
                return next + 1;
            }
            if (s[next] == SipLexer.Cr)
            {
                if (next + 1 >= s.Length)
                {
                    return -1;
                }
                if (s[next + 1] == SipLexer.Lf)
                {
                    return next + 2;
                }
            }
            from = next;
        }
    }

    // A stream message without Content-Length is read as having no body: RFC 3261 18.3 makes the
    // header mandatory on streams, but dropping the connection over it helps nobody.
    private static bool TryReadContentLength(ReadOnlySpan<byte> headers, out uint length)
    {
        length = 0;
        var found = false;
        var pos = headers.IndexOf(SipLexer.Lf) + 1; // skip the start line
        while (pos < headers.Length)
        {
            var lf = headers[pos..].IndexOf(SipLexer.Lf);
            var line = lf < 0 ? headers[pos..] : headers.Slice(pos, lf);
            pos = lf < 0 ? headers.Length : pos + lf + 1;
            // A line starting with whitespace continues the previous header (7.3.1), never names one.
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is SipLexer.Sp or SipLexer.Tab)
            {
                continue;
            }
            var name = SipLexer.Trim(line[..colon]);
            if (!Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && !Ascii.EqualsIgnoreCase(name, "l"u8))
            {
                continue;
            }
            if (found || !SipLexer.TryParseUInt(SipLexer.Trim(line[(colon + 1)..]), int.MaxValue, out length))
            {
                return false; // two Content-Lengths, or a bad one: framing is lost (RFC 4475 3.3.9)
            }
            found = true;
        }
        return true;
    }
}
