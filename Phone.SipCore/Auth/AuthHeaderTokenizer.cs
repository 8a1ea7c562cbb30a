using System.Text;

namespace Phone.SipCore.Auth;

/// <summary>One challenge as written: its scheme and its parameters in order (names as sent).</summary>
internal sealed record RawChallenge(string Scheme, IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>
/// Splits a WWW-Authenticate / Proxy-Authenticate value into challenges (RFC 3261 25.1 and
/// RFC 7235 2.1 grammar): <c>scheme 1*SP auth-param *("," auth-param)</c>, where a value is a token
/// or a quoted-string with backslash escapes. One header value may carry several challenges
/// (RFC 7235 4.1), so a bare token not followed by "=" starts a new challenge.
/// Tolerant of extra whitespace and empty list elements; never throws.
/// </summary>
internal static class AuthHeaderTokenizer
{
    public static bool TryTokenize(string value, out List<RawChallenge> challenges, out string? error)
    {
        challenges = [];
        error = null;
        var i = 0;
        string? scheme = null;
        List<KeyValuePair<string, string>> parameters = [];

        while (true)
        {
            SkipWhitespaceAndCommas(value, ref i);
            if (i >= value.Length)
            {
                break;
            }
            var tokenStart = i;
            var token = ReadToken(value, ref i);
            if (token.Length == 0)
            {
                error = $"unexpected character '{value[i]}' at position {i}";
                return false;
            }
            var afterToken = i;
            SkipWhitespace(value, ref i);
            if (i < value.Length && value[i] == '=')
            {
                if (scheme is null)
                {
                    error = $"parameter '{token}' at position {tokenStart} comes before any scheme";
                    return false;
                }
                if (TrySkipToken68Padding(value, ref i))
                {
                    // RFC 7235 2.1 token68 credentials of another scheme (e.g. "Negotiate YWJj=="):
                    // not ours to read, so skip it rather than fail the whole header.
                    continue;
                }
                i++;
                SkipWhitespace(value, ref i);
                if (!TryReadValue(value, ref i, out var paramValue, out error))
                {
                    return false;
                }
                parameters.Add(new(token, paramValue));
                SkipWhitespace(value, ref i);
                if (i < value.Length && value[i] != ',')
                {
                    error = $"expected ',' after parameter '{token}' at position {i}";
                    return false;
                }
                continue;
            }
            // A token with no "=" is the scheme of the next challenge.
            if (scheme is not null)
            {
                challenges.Add(new RawChallenge(scheme, parameters));
                parameters = [];
            }
            scheme = token;
            i = afterToken;
        }
        if (scheme is null)
        {
            error = "empty header value";
            return false;
        }
        challenges.Add(new RawChallenge(scheme, parameters));
        return true;
    }

    // token68 padding is "==" or a trailing "=" at the end of the value; "name=" followed by a value
    // is a parameter instead.
    private static bool TrySkipToken68Padding(string value, ref int i)
    {
        var next = i;
        while (next < value.Length && value[next] == '=')
        {
            next++;
        }
        var end = next;
        SkipWhitespace(value, ref end);
        if (next - i >= 2 || end >= value.Length)
        {
            i = end;
            return true;
        }
        return false;
    }

    private static bool TryReadValue(string value, ref int i, out string result, out string? error)
    {
        error = null;
        if (i < value.Length && value[i] == '"')
        {
            var builder = new StringBuilder();
            i++;
            while (i < value.Length)
            {
                var c = value[i];
                if (c == '\\')
                {
                    // RFC 3261 25.1 quoted-pair: the next character stands for itself.
                    if (i + 1 >= value.Length)
                    {
                        break;
                    }
                    builder.Append(value[i + 1]);
                    i += 2;
                    continue;
                }
                if (c == '"')
                {
                    i++;
                    result = builder.ToString();
                    return true;
                }
                builder.Append(c);
                i++;
            }
            result = "";
            error = "unterminated quoted string";
            return false;
        }
        var start = i;
        ReadToken(value, ref i);
        // Some servers send base64 nonces unquoted; keep their '=' padding as part of the value.
        while (i > start && i < value.Length && value[i] == '=')
        {
            i++;
        }
        result = value[start..i];
        if (result.Length == 0)
        {
            error = i < value.Length ? $"missing value at position {i}" : "missing value at end of header";
            return false;
        }
        return true;
    }

    private static string ReadToken(string value, ref int i)
    {
        var start = i;
        while (i < value.Length && IsTokenChar(value[i]))
        {
            i++;
        }
        return value[start..i];
    }

    // RFC 3261 25.1 token characters; '/' and ':' are added because real servers send unquoted
    // nonce and domain values containing them.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "-.!%*_+`'~/:@".Contains(c);

    private static void SkipWhitespace(string value, ref int i)
    {
        while (i < value.Length && (value[i] == ' ' || value[i] == '\t' || value[i] == '\r' || value[i] == '\n'))
        {
            i++;
        }
    }

    private static void SkipWhitespaceAndCommas(string value, ref int i)
    {
        while (i < value.Length && (value[i] == ',' || value[i] == ' ' || value[i] == '\t' || value[i] == '\r' || value[i] == '\n'))
        {
            i++;
        }
    }
}
