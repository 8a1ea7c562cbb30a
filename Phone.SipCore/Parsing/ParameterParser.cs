using System.Runtime.CompilerServices;
using System.Text;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Parses ";name[=value]" runs. Header parameters (generic-param, RFC 3261 25.1) allow
/// SWS around ";" and "=", token/host/quoted-string values; URI parameters (19.1.1) allow
/// no whitespace and use the paramchar set, kept in their escaped form.
/// </summary>
internal static class ParameterParser
{
    public static bool Validate(ReadOnlySpan<byte> s, bool uriMode) => Walk(s, uriMode, null, default, out _);

    /// <summary>
    /// Validates header parameters and finds one by name (case-insensitive, RFC 3261 7.3.1) in the
    /// same pass: the parser records the From/To tag this way so reading it later costs nothing.
    /// </summary>
    public static bool ValidateAndFind(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lowerName, out Range value) =>
        Walk(s, false, null, lowerName, out value);

    public static SipParameters Parse(ReadOnlySpan<byte> s, bool uriMode)
    {
        if (SipLexer.Trim(s).IsEmpty)
        {
            return SipParameters.Empty;
        }
        var list = new List<SipParameter>();
        return Walk(s, uriMode, list, default, out _) ? new SipParameters(list) : SipParameters.Empty;
    }

    // RFC 3261 19.1.1: paramchar = param-unreserved / unreserved / escaped (CharClass.UriParam).
    // gen-value = token / host / quoted-string; host brings ":" "[" "]" (RFC 5118 4.5 received=[v6])
    // (CharClass.HeaderValue).
    public static bool IsUriParamChar(byte b) => CharClasses.Is(b, CharClass.UriParam);

    // Case-insensitive (RFC 3261 7.3.1) against a lower-case ASCII name: a byte that folds onto a
    // letter under 0x20 is that letter, so this is exact for the letter-only names looked for (tag).
    private static bool EqualsLower(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lower)
    {
        if (name.Length != lower.Length)
        {
            return false;
        }
        for (var k = 0; k < name.Length; k++)
        {
            if ((name[k] | 0x20) != lower[k])
            {
                return false;
            }
        }
        return true;
    }

    // found: the value of the first parameter named find (empty range when absent or valueless).
    // Inlined into its three callers so each gets a copy with its constants folded (no list, no
    // name to find): the receive path validates every Via's, From's and To's parameters, and
    // without dynamic PGO (off in Phone.Web) the JIT otherwise keeps this one general call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Walk(ReadOnlySpan<byte> s, bool uriMode, List<SipParameter>? sink, ReadOnlySpan<byte> find, out Range found)
    {
        found = default;
        var seen = false;
        var i = 0;
        while (true)
        {
            if (!uriMode)
            {
                i = SipLexer.SkipWhite(s, i);
            }
            if (i >= s.Length)
            {
                return true;
            }
            if (s[i] != ';')
            {
                return false;
            }
            i++;
            if (!uriMode)
            {
                i = SipLexer.SkipWhite(s, i);
            }
            var nameStart = i;
            i = CharClasses.Skip(s, i, uriMode ? CharClass.UriParam : CharClass.Token);
            if (i == nameStart)
            {
                return false; // ";;" or a trailing ";" (RFC 4475 3.1.2.1)
            }
            var name = s[nameStart..i];
            var wanted = !seen && !find.IsEmpty && EqualsLower(name, find);
            seen |= wanted;
            var j = uriMode ? i : SipLexer.SkipWhite(s, i);
            string? value = null;
            if (j < s.Length && s[j] == '=')
            {
                i = j + 1;
                if (!uriMode)
                {
                    i = SipLexer.SkipWhite(s, i);
                }
                if (!uriMode && i < s.Length && s[i] == '"')
                {
                    var end = SipLexer.SkipQuoted(s, i);
                    if (end < 0)
                    {
                        return false;
                    }
                    if (sink is not null)
                    {
                        value = SipLexer.Unquote(s[(i + 1)..(end - 1)]);
                    }
                    if (wanted)
                    {
                        found = (i + 1)..(end - 1);
                    }
                    i = end;
                }
                else
                {
                    var valueStart = i;
                    i = uriMode ? CharClasses.Skip(s, i, CharClass.UriParam) : CharClasses.SkipHeaderValue(s, i);
                    if (i == valueStart)
                    {
                        return false;
                    }
                    if (sink is not null)
                    {
                        value = Encoding.UTF8.GetString(s[valueStart..i]);
                    }
                    if (wanted)
                    {
                        found = valueStart..i;
                    }
                }
            }
            sink?.Add(new SipParameter(Encoding.UTF8.GetString(name), value));
        }
    }
}
