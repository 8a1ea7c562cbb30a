namespace Phone.SipCore.Transport;

/// <summary>
/// Finds Content-Length in a raw header section without the full parser (which lives in Parsing/
/// and is not needed to frame): long form or compact "l" (RFC 3261 7.3.3), names case-insensitive,
/// whitespace allowed around the colon and in the value, folded lines joined (RFC 3261 7.3.1).
/// </summary>
internal static class ContentLengthReader
{
    // More digits than this cannot be a body we accept; stops overflow before it can happen.
    private const int MaxDigits = 18;

    /// <summary>Returns the length, or null when there is no Content-Length header.</summary>
    /// <exception cref="StreamFramingException">A value is not a number, or two values differ.</exception>
    public static long? Read(ReadOnlySpan<byte> headers)
    {
        long? found = null;
        // Skip the start line: it can never be a header.
        var lineEnd = headers.IndexOf("\r\n"u8);
        var rest = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : headers[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = FindLogicalLineEnd(rest);
            var line = rest[..end];
            rest = end + 2 <= rest.Length ? rest[(end + 2)..] : ReadOnlySpan<byte>.Empty;

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }
            var name = Trim(line[..colon]);
            if (!IsContentLengthName(name))
            {
                continue;
            }
            var value = ParseValue(Trim(line[(colon + 1)..]));
            if (found is not null && found != value)
            {
                throw new StreamFramingException(
                    StreamFramingError.InvalidContentLength,
                    $"Conflicting Content-Length values {found} and {value}.");
            }
            found = value;
        }
        return found;
    }

    // A CRLF followed by SP or HT is folding, not the end of the header (RFC 3261 7.3.1).
    private static int FindLogicalLineEnd(ReadOnlySpan<byte> text)
    {
        var offset = 0;
        while (true)
        {
            var crlf = text[offset..].IndexOf("\r\n"u8);
            if (crlf < 0)
            {
                return text.Length;
            }
            var end = offset + crlf;
            if (end + 2 < text.Length && text[end + 2] is (byte)' ' or (byte)'\t')
            {
                offset = end + 2;
                continue;
            }
            return end;
        }
    }

    private static bool IsContentLengthName(ReadOnlySpan<byte> name) =>
        name.Length == 1 ? (name[0] | 0x20) == 'l' : System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8);

    private static long ParseValue(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > MaxDigits)
        {
            throw Invalid(value);
        }
        long result = 0;
        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                throw Invalid(value);
            }
            result = (result * 10) + (b - '0');
        }
        return result;
    }

    private static StreamFramingException Invalid(ReadOnlySpan<byte> value)
    {
        var shown = System.Text.Encoding.ASCII.GetString(value[..Math.Min(value.Length, 32)]);
        return new StreamFramingException(StreamFramingError.InvalidContentLength, $"Content-Length '{shown}' is not a number.");
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span)
    {
        // Folding leaves CR LF inside a value; treat it as whitespace like SP and HT.
        return span.Trim(" \t\r\n"u8);
    }
}
