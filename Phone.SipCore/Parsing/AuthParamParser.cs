using System.Diagnostics.CodeAnalysis;
using System.Text;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Generic challenge/credentials syntax (RFC 3261 25.1, RFC 7235 2.1):
/// scheme LWS auth-param *(COMMA auth-param), auth-param = name EQUAL (token / quoted-string).
/// Commas inside quoted values (qop="auth,auth-int") do not split.
/// </summary>
public static class AuthParamParser
{
    public static bool TryParse(string value, [NotNullWhen(true)] out SipAuthValue? result) =>
        TryParse(Encoding.UTF8.GetBytes(value), out result);

    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out SipAuthValue? result)
    {
        result = null;
        var s = SipLexer.Trim(value);
        var i = 0;
        while (i < s.Length && SipLexer.IsToken(s[i]))
        {
            i++;
        }
        if (i == 0 || (i < s.Length && !SipLexer.IsWhite(s[i])))
        {
            return false;
        }
        var scheme = Encoding.ASCII.GetString(s[..i]);
        var parameters = new List<SipParameter>();
        var splitter = new SipListSplitter(s[i..]);
        while (splitter.MoveNext())
        {
            var item = splitter.Current;
            if (item.IsEmpty)
            {
                continue; // RFC 7235 allows empty list elements ("a=1,,b=2")
            }
            var eq = item.IndexOf((byte)'=');
            if (eq <= 0)
            {
                return false;
            }
            var name = SipLexer.Trim(item[..eq]);
            var raw = SipLexer.Trim(item[(eq + 1)..]);
            if (!SipLexer.IsTokenSpan(name) || raw.IsEmpty)
            {
                return false;
            }
            string text;
            if (raw[0] == '"')
            {
                if (SipLexer.SkipQuoted(raw, 0) != raw.Length)
                {
                    return false;
                }
                text = SipLexer.Unquote(raw[1..^1]);
            }
            else
            {
                foreach (var b in raw)
                {
                    // token, plus "/" and "=" that base64-like values (opaque, token68) carry.
                    if (!SipLexer.IsToken(b) && b is not ((byte)'/' or (byte)'='))
                    {
                        return false;
                    }
                }
                text = Encoding.UTF8.GetString(raw);
            }
            parameters.Add(new SipParameter(Encoding.ASCII.GetString(name), text));
        }
        if (splitter.Malformed)
        {
            return false;
        }
        result = new SipAuthValue(scheme, new SipParameters(parameters), SipLexer.Decode(s));
        return true;
    }
}
