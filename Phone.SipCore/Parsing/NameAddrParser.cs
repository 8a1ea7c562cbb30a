namespace Phone.SipCore.Parsing;

/// <summary>
/// (name-addr / addr-spec) *(SEMI param), as in From, To, Contact, Route (RFC 3261 20.10,
/// 25.1). Without angle brackets the URI ends at the first ";" and may not carry
/// headers or commas, which is why RFC 4475 3.1.2.13 (regbadct) is malformed.
/// </summary>
internal static class NameAddrParser
{
    /// <summary>
    /// Validates a From/To value and finds its tag parameter, building nothing else: the parse keeps
    /// only the tag (RFC 3261 12, 17 match on it). The usual value, "&lt;" plain SIP URI "&gt;" and
    /// header parameters, is checked in one pass (<see cref="SipUriParser.PlainPrefixLength"/>, then the
    /// parameter walk); any other form, and any value that pass refuses, goes through
    /// <see cref="TryParse"/>, so the verdict and the reason are TryParse's.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> s, out Range tag, out string reason)
    {
        if (s.Length > 2 && s[0] == '<')
        {
            var gt = SipUriParser.PlainPrefixLength(s[1..]) + 1;
            if (gt > 0 && gt < s.Length && s[gt] == '>')
            {
                var parameters = s[(gt + 1)..];
                if (TryOnlyTag(parameters, out var found) || ParameterParser.ValidateAndFind(parameters, "tag"u8, out found))
                {
                    tag = SipLexer.Offset(found, gt + 1);
                    reason = "";
                    return true;
                }
            }
        }
        var valid = TryParse(s, out var parts, out reason);
        tag = parts.Tag;
        return valid;
    }

    public static bool TryParse(ReadOnlySpan<byte> s, out NameAddrSlices parts, out string reason)
    {
        parts = default;
        var start = SipLexer.SkipWhite(s, 0);
        var end = SipLexer.Trim(s).Length + start;
        // The usual form starts with "<" (no display name): nothing to search for.
        var lt = start < end && s[start] == '<' ? start : -1;
        for (var i = start; lt < 0 && i < end;)
        {
            var found = SipLexer.IndexOfShort(s[i..end], (byte)'"', (byte)'<');
            if (found < 0)
            {
                break;
            }
            i += found;
            if (s[i] == '<')
            {
                lt = i;
                break;
            }
            var close = SipLexer.SkipQuoted(s, i);
            if (close < 0)
            {
                reason = "unterminated quoted string";
                return false;
            }
            i = close;
        }
        if (lt >= 0)
        {
            var display = SipLexer.Trim(s[start..lt]);
            var quoted = !display.IsEmpty && display[0] == '"';
            if (quoted ? SipLexer.SkipQuoted(display, 0) != display.Length : !IsTokenWords(display))
            {
                reason = "display name is neither a quoted string nor tokens";
                return false;
            }
            var gt = SipLexer.IndexOfShort(s[lt..end], (byte)'>');
            if (gt < 0)
            {
                reason = "missing '>'";
                return false;
            }
            gt += lt;
            var uriText = s[(lt + 1)..gt];
            if (!SipUriParser.TryParse(uriText, out var uri, out reason))
            {
                return false;
            }
            var paramsPart = s[(gt + 1)..end];
            if (!ParameterParser.ValidateAndFind(paramsPart, "tag"u8, out var tag))
            {
                reason = "header parameters are invalid";
                return false;
            }
            parts = new NameAddrSlices(quoted ? start + 1 : start, quoted ? display.Length - 2 : display.Length,
                quoted, lt + 1, gt - lt - 1, true, uri, gt + 1, end - gt - 1, SipLexer.Offset(tag, gt + 1));
            reason = "";
            return true;
        }
        if (start < end && s[start] == '"')
        {
            reason = "quoted display name without <URI>";
            return false;
        }
        // addr-spec: RFC 3261 20.10, parameters after it belong to the header field.
        var semi = SipLexer.IndexOfShort(s[start..end], (byte)';');
        var paramsStart = semi < 0 ? end : start + semi;
        var uriEnd = paramsStart;
        while (uriEnd > start && SipLexer.IsWhite(s[uriEnd - 1]))
        {
            uriEnd--; // SEMI = SWS ";" SWS: whitespace before the first parameter is allowed
        }
        var spec = s[start..uriEnd];
        if (!SipUriParser.TryParse(spec, out var bare, out reason))
        {
            return false;
        }
        if (bare.HeadersLength >= 0 || SipLexer.IndexOfShort(spec, (byte)',') >= 0)
        {
            reason = "a URI with headers or commas must be enclosed in <>";
            return false;
        }
        if (!ParameterParser.ValidateAndFind(s[paramsStart..end], "tag"u8, out var bareTag))
        {
            reason = "header parameters are invalid";
            return false;
        }
        parts = new NameAddrSlices(start, 0, false, start, uriEnd - start, false, bare, paramsStart, end - paramsStart,
            SipLexer.Offset(bareTag, paramsStart));
        reason = "";
        return true;
    }

    // The usual parameters of a From/To: exactly ";tag=" and a token-or-host value to the end, which
    // the parameter walk would accept with that value as the tag.
    private static bool TryOnlyTag(ReadOnlySpan<byte> parameters, out Range tag)
    {
        const int prefix = 5; // ";tag="
        var valid = parameters.Length > prefix && parameters.StartsWith(";tag="u8)
            && CharClasses.Skip(parameters, prefix, CharClass.HeaderValue) == parameters.Length;
        tag = valid ? prefix..parameters.Length : default;
        return valid;
    }

    // display-name = *(token LWS) / quoted-string; a comma here is RFC 4475 3.1.2.15 (baddn).
    private static bool IsTokenWords(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!SipLexer.IsToken(b) && !SipLexer.IsWhite(b))
            {
                return false;
            }
        }
        return true;
    }
}
