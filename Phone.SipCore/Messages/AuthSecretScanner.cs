namespace Phone.SipCore.Messages;

/// <summary>
/// Finds the secret ranges in one credentials value for <see cref="CredentialRedactor"/>:
/// <c>scheme 1*SP auth-param *("," auth-param)</c> (RFC 3261 25.1, RFC 7235 2.1), where a value
/// is a token or a quoted-string with backslash escapes. Lenient like a reader of logs must be:
/// malformed text never throws, and when in doubt more is hidden, never less.
/// </summary>
internal static class AuthSecretScanner
{
    /// <summary>Adds the ranges (start inclusive, end exclusive) to hide in <c>text[start..end]</c>, in order.</summary>
    public static void Find(string text, int start, int end, List<(int Start, int End)> secrets)
    {
        var i = start;
        while (true)
        {
            i = Skip(text, i, end, static c => IsWhite(c) || c == ',');
            if (i >= end)
            {
                return;
            }
            if (text[i] == '"')
            {
                i = QuotedEnd(text, i, end) + 1; // a stray quoted string: nothing to name it by
                continue;
            }
            var nameStart = i;
            i = Skip(text, i, end, static c => !IsWhite(c) && c is not (',' or '=' or '"'));
            if (i == nameStart)
            {
                i++; // a stray "="
                continue;
            }
            var name = text.AsSpan(nameStart, i - nameStart);
            var afterName = Skip(text, i, end, IsWhite);
            if (afterName < end && text[afterName] == '=')
            {
                i = Parameter(text, afterName + 1, end, CredentialRedactor.IsSecret(name), secrets);
                continue;
            }
            // A token without "=" names the scheme of the next credentials (RFC 7235 4.2).
            if (!name.Equals("Digest", StringComparison.OrdinalIgnoreCase))
            {
                // Basic and Bearer credentials are the password or token itself: hide the rest.
                var restStart = Skip(text, afterName, end, IsWhite);
                var restEnd = end;
                while (restEnd > restStart && IsWhite(text[restEnd - 1]))
                {
                    restEnd--;
                }
                if (restEnd > restStart)
                {
                    secrets.Add((restStart, restEnd));
                }
                return;
            }
            i = afterName;
        }
    }

    /// <summary>Reads a parameter's value from <paramref name="i"/> (after "="); returns where the next item starts.</summary>
    private static int Parameter(string text, int i, int end, bool secret, List<(int Start, int End)> secrets)
    {
        i = Skip(text, i, end, IsWhite);
        int valueStart, valueEnd, next;
        if (i < end && text[i] == '"')
        {
            valueStart = i + 1;
            valueEnd = QuotedEnd(text, i, end);
            next = valueEnd + 1;
        }
        else
        {
            valueStart = i;
            valueEnd = Skip(text, i, end, static c => !IsWhite(c) && c != ',');
            next = valueEnd;
        }
        if (secret && valueEnd > valueStart)
        {
            secrets.Add((valueStart, valueEnd));
        }
        return next;
    }

    /// <summary>The index of the closing quote of the quoted-string opening at <paramref name="open"/>, or <paramref name="end"/> when unterminated.</summary>
    private static int QuotedEnd(string text, int open, int end)
    {
        for (var i = open + 1; i < end; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }
        return end;
    }

    private static int Skip(string text, int i, int end, Func<char, bool> take)
    {
        while (i < end && take(text[i]))
        {
            i++;
        }
        return i;
    }

    // CR and LF too: a folded value (RFC 3261 7.3.1) arrives here with its line breaks.
    private static bool IsWhite(char c) => c is ' ' or '\t' or '\r' or '\n';
}
