namespace Phone.SipCore.Parsing;

/// <summary>
/// One via-parm (RFC 3261 20.42, 25.1): sent-protocol with SWS around each "/"
/// (RFC 4475 3.1.1.1 exercises that), LWS, sent-by, then header parameters.
/// </summary>
internal static class ViaParser
{
    public readonly record struct Slices(
        int NameStart, int NameLength, int VersionStart, int VersionLength, int TransportStart, int TransportLength,
        int HostStart, int HostLength, int Port, int ParamsStart);

    public static bool TryParse(ReadOnlySpan<byte> s, out Slices parts, out string reason)
    {
        parts = default;
        var i = SipLexer.SkipWhite(s, 0);
        int nameStart, nameLength, versionStart, versionLength;
        // Nearly every Via starts "SIP/2.0/" written tight: one compare stands for the first two
        // tokens and slashes (what the token walk would find in those bytes).
        if (s[i..].StartsWith("SIP/2.0/"u8))
        {
            (nameStart, nameLength, versionStart, versionLength) = (i, 3, i + 4, 3);
            i = SipLexer.SkipWhite(s, i + 8);
        }
        else if (!Token(s, ref i, out nameStart, out nameLength) || !Slash(s, ref i)
            || !Token(s, ref i, out versionStart, out versionLength) || !Slash(s, ref i))
        {
            reason = "Via sent-protocol is malformed";
            return false;
        }
        if (!Token(s, ref i, out var transportStart, out var transportLength))
        {
            reason = "Via sent-protocol is malformed";
            return false;
        }
        var afterTransport = i;
        i = SipLexer.SkipWhite(s, i);
        if (i == afterTransport)
        {
            reason = "Via needs whitespace before sent-by";
            return false;
        }
        var hostStart = i;
        var hostEnd = i;
        // Whitespace can sit inside sent-by only within "[...]" or around the colon; the host loop
        // below stops at any other, so an unbracketed host with "host:port" written tight needs no search.
        var mayHoldWhite = hostEnd < s.Length && s[hostEnd] == '[';
        if (mayHoldWhite)
        {
            var close = SipLexer.IndexOfShort(s[hostEnd..], (byte)']');
            hostEnd = close < 0 ? s.Length : hostEnd + close + 1;
        }
        else
        {
            hostEnd = CharClasses.Skip(s, hostEnd, CharClass.Host);
        }
        var portEnd = hostEnd;
        var colon = SipLexer.SkipWhite(s, hostEnd);
        if (colon < s.Length && s[colon] == ':')
        {
            // sent-by = host [ COLON port ], COLON allows SWS on both sides.
            portEnd = SipLexer.SkipWhite(s, colon + 1);
            mayHoldWhite |= colon != hostEnd || portEnd != colon + 1;
            while (portEnd < s.Length && SipLexer.IsDigit(s[portEnd]))
            {
                portEnd++;
            }
        }
        var sentBy = s[hostStart..portEnd];
        var port = -1;
        // A name or IPv4 host written tight was checked by the host loop (alphanum "-" "."): only the
        // port is left to check. Brackets or whitespace take TryParseHostPort.
        bool valid;
        if (!mayHoldWhite && hostEnd > hostStart)
        {
            valid = portEnd == hostEnd || TryPort(s[(hostEnd + 1)..portEnd], out port);
        }
        else
        {
            valid = !mayHoldWhite || SipLexer.WhiteChars.IndexOfAny(sentBy) < 0
                ? SipUriParser.TryParseHostPort(sentBy, out _, out port)
                : ValidateCompacted(sentBy, out port);
        }
        if (!valid)
        {
            reason = "Via sent-by is invalid";
            return false;
        }
        if (!ParameterParser.Validate(s[portEnd..], uriMode: false))
        {
            reason = "Via parameters are invalid";
            return false;
        }
        parts = new Slices(nameStart, nameLength, versionStart, versionLength, transportStart, transportLength,
            hostStart, hostEnd - hostStart, port, portEnd);
        reason = "";
        return true;
    }

    private static bool TryPort(ReadOnlySpan<byte> digits, out int port)
    {
        var valid = SipLexer.TryParseUInt(digits, 65535, out var value);
        port = valid ? (int)value : -1;
        return valid;
    }

    private static bool Token(ReadOnlySpan<byte> s, ref int i, out int start, out int length)
    {
        start = i;
        i = CharClasses.Skip(s, i, CharClass.Token);
        length = i - start;
        return length > 0;
    }

    private static bool Slash(ReadOnlySpan<byte> s, ref int i)
    {
        i = SipLexer.SkipWhite(s, i);
        if (i >= s.Length || s[i] != '/')
        {
            return false;
        }
        i = SipLexer.SkipWhite(s, i + 1);
        return true;
    }

    // Drops whitespace so "host : 5060" validates like "host:5060" (rare, so it may allocate).
    private static bool ValidateCompacted(ReadOnlySpan<byte> sentBy, out int port)
    {
        var compact = new byte[sentBy.Length];
        var n = 0;
        foreach (var b in sentBy)
        {
            if (!SipLexer.IsWhite(b))
            {
                compact[n++] = b;
            }
        }
        return SipUriParser.TryParseHostPort(compact.AsSpan(0, n), out _, out port);
    }
}
