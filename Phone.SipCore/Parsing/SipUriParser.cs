using System.Text;

namespace Phone.SipCore.Parsing;

/// <summary>
/// SIP/SIPS URI syntax (RFC 3261 19.1.1, 25.1) with IPv6 references (RFC 5118), and a
/// looser absoluteURI check for other schemes (RFC 4475 3.3.2/3.3.3 say an unknown scheme
/// is answered 416 by the application, not rejected by the parser).
/// </summary>
internal static class SipUriParser
{
    public static bool TryParse(ReadOnlySpan<byte> s, out UriSlices parts, out string reason)
    {
        parts = default;
        var colon = SipLexer.IndexOfShort(s, (byte)':');
        if (colon <= 0 || !IsScheme(s[..colon]))
        {
            reason = "URI has no valid scheme";
            return false;
        }
        var scheme = s[..colon];
        var isSip = IsSipScheme(scheme);
        var rest = s[(colon + 1)..];
        if (!isSip)
        {
            // absoluteURI: no whitespace, no delimiters that only make sense around a URI.
            if (rest.IsEmpty || rest.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0 || rest.IndexOfAny("<>\""u8) >= 0)
            {
                reason = "URI contains whitespace or a delimiter";
                return false;
            }
            parts = new UriSlices(colon, false, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
            reason = "";
            return true;
        }
        var offset = colon + 1;
        var userStart = -1;
        var userLength = -1;
        var passwordStart = -1;
        var passwordLength = -1;
        // The user part may hold ";" "?" "/" (user-unreserved) but never an unescaped "@".
        // Usual form first, in one pass: user characters up to an "@" (no password, no escape);
        // anything else takes the general path below, which decides exactly as before.
        var plainUser = CharClasses.Skip(rest, 0, CharClass.UserPlain);
        if (plainUser > 0 && plainUser < rest.Length && rest[plainUser] == '@')
        {
            userStart = offset;
            userLength = plainUser;
            rest = rest[(plainUser + 1)..];
            offset += plainUser + 1;
        }
        else if (SipLexer.IndexOfShort(rest, (byte)'@') is var at and >= 0)
        {
            var userinfo = rest[..at];
            var passColon = SipLexer.IndexOfShort(userinfo, (byte)':');
            var user = passColon < 0 ? userinfo : userinfo[..passColon];
            if (user.IsEmpty || !AllValid(user, UserChars))
            {
                reason = "URI user part is empty or has an invalid character";
                return false;
            }
            userStart = offset;
            userLength = user.Length;
            if (passColon >= 0)
            {
                var password = userinfo[(passColon + 1)..];
                if (!AllValid(password, PasswordChars))
                {
                    reason = "URI password has an invalid character";
                    return false;
                }
                passwordStart = offset + passColon + 1;
                passwordLength = password.Length;
            }
            rest = rest[(at + 1)..];
            offset += at + 1;
        }
        // host[:port] in one pass when it is a name or IPv4 ending at ";", "?" or the end; otherwise
        // (IPv6 reference, anything unusual) the span up to ";" or "?" goes to TryParseHostPort.
        var hostEnd = ScanHostPort(rest, out var hostLength, out var port);
        if (hostEnd == -2)
        {
            hostEnd = SipLexer.IndexOfShort(rest, (byte)';', (byte)'?');
            if (!TryParseHostPort(hostEnd < 0 ? rest : rest[..hostEnd], out hostLength, out port))
            {
                reason = "URI host or port is invalid";
                return false;
            }
        }
        var hostport = hostEnd < 0 ? rest : rest[..hostEnd];
        var hostStart = offset;
        rest = hostEnd < 0 ? [] : rest[hostEnd..];
        offset += hostEnd < 0 ? hostport.Length : hostEnd;
        var question = SipLexer.IndexOfShort(rest, (byte)'?');
        var paramsPart = question < 0 ? rest : rest[..question];
        if (!ParameterParser.Validate(paramsPart, uriMode: true))
        {
            reason = "URI parameters are invalid";
            return false;
        }
        var headersStart = -1;
        var headersLength = -1;
        if (question >= 0)
        {
            var headers = rest[(question + 1)..];
            if (headers.IsEmpty || !AllValid(headers, HeaderChars))
            {
                reason = "URI headers are invalid";
                return false;
            }
            headersStart = offset + question + 1;
            headersLength = headers.Length;
        }
        parts = new UriSlices(colon, true, userStart, userLength, passwordStart, passwordLength,
            hostStart, hostLength, port, offset, paramsPart.Length, headersStart, headersLength);
        reason = "";
        return true;
    }

    /// <summary>host [":" port] where host is a name, IPv4 or "[" IPv6 "]" (RFC 5118 4.2: bare IPv6 is invalid).</summary>
    public static bool TryParseHostPort(ReadOnlySpan<byte> s, out int hostLength, out int port)
    {
        port = -1;
        hostLength = 0;
        if (s.IsEmpty)
        {
            return false;
        }
        if (s[0] == '[')
        {
            var close = s.IndexOf((byte)']');
            if (close < 3 || Ipv6Chars.IndexOfAnyExcept(s[1..close]) >= 0)
            {
                return false;
            }
            hostLength = close + 1;
        }
        else
        {
            hostLength = CharClasses.Skip(s, 0, CharClass.Host);
            if (hostLength == 0)
            {
                return false;
            }
        }
        if (hostLength == s.Length)
        {
            return true;
        }
        if (s[hostLength] != ':' || !SipLexer.TryParseUInt(s[(hostLength + 1)..], 65535, out var value))
        {
            return false;
        }
        port = (int)value;
        return true;
    }

    /// <summary>
    /// The validate-only walk of the usual SIP URI, in one pass with no slices built: "sip:" or "sips:"
    /// (any case), an optional user of plain characters (no escape, no password) and "@", a name or
    /// IPv4 host, an optional ":" and a port of 1-5 digits up to 65535. Returns where that prefix ends,
    /// or -1 when <paramref name="s"/> does not start that way. When the prefix is the whole URI (a
    /// Request-URI; the text between "&lt;" and "&gt;" of a name-addr) <see cref="TryParse"/> accepts
    /// it; anything else (parameters, headers, escapes, IPv6) is left to TryParse, which decides.
    /// </summary>
    public static int PlainPrefixLength(ReadOnlySpan<byte> s)
    {
        if (s.Length < 5 || (s[0] | 0x20) != 's' || (s[1] | 0x20) != 'i' || (s[2] | 0x20) != 'p')
        {
            return -1;
        }
        var i = s[3] == ':' ? 4 : (s[3] | 0x20) == 's' && s[4] == ':' ? 5 : -1;
        if (i < 0)
        {
            return -1;
        }
        // No "@" can come before the one that ends a plain user: it is not a user character.
        var user = CharClasses.Skip(s, i, CharClass.UserPlain);
        if (user > i && user < s.Length && s[user] == '@')
        {
            i = user + 1;
        }
        var end = ScanHostPort(s[i..], out _, out _, allowEnd: true);
        return end == -1 ? s.Length : end < 0 ? -1 : i + end;
    }

    // The fast path of host [":" port]: returns where it ends (-1: at the end of s) when s starts with a
    // name or IPv4 host, an optional ":" and 1-5 digits up to 65535, and then ends or goes on with ";" or
    // "?"; -2 when it cannot tell, so the caller takes the general path. Whatever it accepts,
    // TryParseHostPort accepts with the same host length and port.
    // With allowEnd, any byte may end it (the caller checks what follows), not only ";" or "?".
    private static int ScanHostPort(ReadOnlySpan<byte> s, out int hostLength, out int port, bool allowEnd = false)
    {
        port = -1;
        var end = CharClasses.Skip(s, 0, CharClass.Host);
        hostLength = end;
        if (hostLength == 0)
        {
            return -2;
        }
        if (end == s.Length)
        {
            return -1;
        }
        if (s[end] == ':')
        {
            var value = 0;
            var i = end + 1;
            while (i < s.Length && i - end <= 5 && SipLexer.IsDigit(s[i]))
            {
                value = value * 10 + (s[i] - '0');
                i++;
            }
            if (i == end + 1 || (i < s.Length && SipLexer.IsDigit(s[i])) || value > 65535)
            {
                return -2; // no digits, more than five, or past 65535
            }
            port = value;
            end = i;
            if (end == s.Length)
            {
                return -1;
            }
        }
        return allowEnd || s[end] is (byte)';' or (byte)'?' ? end : -2;
    }

    // "sip" or "sips", any case (RFC 3261 19.1.4: scheme names compare case-insensitively). Letters
    // only, so setting bit 0x20 lower-cases them and maps no other byte onto one of them.
    private static bool IsSipScheme(ReadOnlySpan<byte> scheme) =>
        scheme.Length is 3 or 4 && (scheme[0] | 0x20) == 's' && (scheme[1] | 0x20) == 'i' && (scheme[2] | 0x20) == 'p'
        && (scheme.Length == 3 || (scheme[3] | 0x20) == 's');

    private static bool IsScheme(ReadOnlySpan<byte> s) => char.IsAsciiLetter((char)s[0]) && SchemeChars.IndexOfAnyExcept(s) < 0;

    // unreserved = alphanum / mark (- _ . ! ~ * ' ( )), plus "%" which AllValid checks as an escape.
    private const string Unreserved = "-_.!~*'()%";

    // user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
    private static readonly ByteSet UserChars = SipLexer.AlphaNumPlus(Unreserved + "&=+$,;?/");

    private static readonly ByteSet PasswordChars = SipLexer.AlphaNumPlus(Unreserved + "&=+$,");

    // hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$", plus "=" and "&" separators.
    private static readonly ByteSet HeaderChars = SipLexer.AlphaNumPlus(Unreserved + "[]/?:+$=&");

    private static readonly ByteSet SchemeChars = SipLexer.AlphaNumPlus("+-.");

    private static readonly ByteSet Ipv6Chars = new ByteSet("0123456789abcdefABCDEF:."u8);


    private static bool AllValid(ReadOnlySpan<byte> s, ByteSet valid) => valid.AllWithEscapes(s);
}
