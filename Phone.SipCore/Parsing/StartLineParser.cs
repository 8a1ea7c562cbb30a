using System.Buffers.Binary;
using System.Text;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Request-Line and Status-Line (RFC 3261 7.1, 7.2, 25.1). Elements are separated by
/// exactly one SP; extra or trailing whitespace is malformed (RFC 4475 3.1.2.8-3.1.2.10).
/// </summary>
internal static class StartLineParser
{
    public readonly record struct Result(
        bool IsRequest, SipParseError Error, string Reason, SipMethod Method, int UriOffset, int UriLength,
        int StatusCode, int ReasonOffset, int ReasonLength);

    public static Result Parse(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("SIP/"u8))
        {
            return ParseStatusLine(line);
        }
        // The method token in one pass: it must end at the first SP (a token holds none).
        var sp1 = CharClasses.Skip(line, 0, CharClass.Token);
        if (sp1 == 0 || sp1 == line.Length || line[sp1] != SipLexer.Sp)
        {
            return Fail(true, SipParseError.MalformedStartLine, "request line does not start with a method token and one space");
        }
        var afterMethod = line[(sp1 + 1)..];
        // A plain sip:user@host:port holds no SP, so when one follows it, it is the first SP.
        var plainUri = SipUriParser.PlainPrefixLength(afterMethod);
        var sp2 = plainUri > 0 && plainUri < afterMethod.Length && afterMethod[plainUri] == SipLexer.Sp
            ? plainUri
            : SipLexer.IndexOfShort(afterMethod, SipLexer.Sp);
        if (sp2 < 0)
        {
            return Fail(true, SipParseError.MalformedStartLine, "request line has no SIP-Version");
        }
        if (sp2 == 0)
        {
            return Fail(true, SipParseError.MalformedStartLine, "more than one space before the Request-URI");
        }
        var version = afterMethod[(sp2 + 1)..];
        var versionError = CheckVersion(version, out var versionReason);
        if (versionError != SipParseError.None)
        {
            return Fail(true, versionError, versionReason);
        }
        var uri = afterMethod[..sp2];
        // The usual sip:user@host:port passes the one-pass check; anything else gets the full parse.
        if (plainUri != uri.Length)
        {
            if (!SipUriParser.TryParse(uri, out var parts, out var uriReason))
            {
                return Fail(true, SipParseError.InvalidRequestUri, "Request-URI is invalid: " + uriReason);
            }
            if (parts.IsSip && parts.HeadersLength >= 0)
            {
                // RFC 3261 19.1.1 table 1: headers are not allowed in a Request-URI (RFC 4475 3.1.2.11).
                return Fail(true, SipParseError.InvalidRequestUri, "Request-URI must not carry URI headers");
            }
        }
        return new Result(true, SipParseError.None, "", SipMethod.FromBytes(line[..sp1]), sp1 + 1, sp2, 0, 0, 0);
    }

    private static Result ParseStatusLine(ReadOnlySpan<byte> line)
    {
        var sp1 = line.IndexOf(SipLexer.Sp);
        if (sp1 < 0)
        {
            return Fail(false, SipParseError.MalformedStartLine, "status line has no status code");
        }
        var versionError = CheckVersion(line[..sp1], out var versionReason);
        if (versionError != SipParseError.None)
        {
            return Fail(false, versionError, versionReason);
        }
        var rest = line[(sp1 + 1)..];
        var digits = 0;
        while (digits < rest.Length && SipLexer.IsDigit(rest[digits]))
        {
            digits++;
        }
        // Status-Code = 3DIGIT, 100-699 (RFC 3261 7.2, 21); RFC 4475 3.1.2.19 sends 4294967301.
        if (digits != 3 || rest[0] is < (byte)'1' or > (byte)'6' || (digits < rest.Length && rest[digits] != SipLexer.Sp))
        {
            return Fail(false, SipParseError.InvalidStatusCode, "status code is not three digits from 100 to 699");
        }
        var code = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
        var reasonOffset = Math.Min(sp1 + 1 + digits + 1, line.Length);
        return new Result(false, SipParseError.None, "", default, 0, 0, code, reasonOffset, line.Length - reasonOffset);
    }

    private static SipParseError CheckVersion(ReadOnlySpan<byte> version, out string reason)
    {
        reason = "";
        // "SIP" any case (only those three bytes fold: no other byte maps onto a letter under 0x20), then "/2.0".
        if (version.Length == 7 && (BinaryPrimitives.ReadUInt32LittleEndian(version) | 0x0020_2020) == 0x2F70_6973
            && version[4] == '2' && version[5] == '.' && version[6] == '0')
        {
            return SipParseError.None;
        }
        var rest = version.Length > 4 && Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8) ? version[4..] : [];
        var dot = rest.IndexOf((byte)'.');
        if (dot > 0 && SipLexer.TryParseUInt(rest[..dot], 999, out _) && SipLexer.TryParseUInt(rest[(dot + 1)..], 999, out _))
        {
            // RFC 3261 8.2.1 / 21.5.6: a well-formed but unsupported version gets 505.
            reason = "SIP version " + System.Text.Encoding.ASCII.GetString(version) + " is not supported";
            return SipParseError.UnsupportedVersion;
        }
        reason = "SIP-Version is malformed (whitespace inside the Request-URI or after the version?)";
        return SipParseError.MalformedStartLine;
    }

    private static Result Fail(bool isRequest, SipParseError error, string reason) =>
        new(isRequest, error, reason, default, 0, 0, 0, 0, 0);
}
