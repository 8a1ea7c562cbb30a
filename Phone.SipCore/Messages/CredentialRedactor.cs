using System.Text;

namespace Phone.SipCore.Messages;

/// <summary>
/// Hides the parts of a message's credentials that would let a reader of a stored trace
/// replay a request or run a dictionary attack on the password: in Authorization and
/// Proxy-Authorization, the values of <c>response</c>, <c>cnonce</c> and <c>nonce</c> become
/// <see cref="Mask"/>. username, realm, uri, algorithm, qop, nc and opaque stay: they are what
/// an engineer needs to see why a challenge failed. Credentials of any other scheme (Basic,
/// Bearer) are the secret itself and are hidden whole.
/// </summary>
/// <remarks>
/// Works on the text, so a message the parser refused is redacted too. Header names are matched
/// in any case, with white space before the colon; folded lines (RFC 3261 7.3.1) and several credentials in one header (RFC 7235 4.2) are
/// followed. Nothing else changes, character for character, and the body is never read.
/// </remarks>
public static class CredentialRedactor
{
    /// <summary>What a hidden value is replaced with (U+2026, one character).</summary>
    public const string Mask = "\u2026";

    private static readonly string[] SecretParameters = ["response", "cnonce", "nonce"];

    // Neither Authorization nor Proxy-Authorization has a compact form (RFC 3261 7.3.3), so a
    // message without this word, in any case, holds no credentials to hide.
    private const string CredentialsWord = "authorization";

    private static ReadOnlySpan<byte> CredentialsWordUtf8 => "authorization"u8; // the same word, as bytes

    /// <summary>
    /// Whether the message as received (UTF-8) may hold credentials; false means
    /// <see cref="Redact"/> would return its text unchanged, so a caller may store the bytes as
    /// they are without decoding them first.
    /// </summary>
    public static bool MayHoldCredentials(ReadOnlySpan<byte> utf8)
    {
        var word = CredentialsWordUtf8;
        for (var at = utf8.IndexOfAny((byte)'a', (byte)'A'); at >= 0 && at <= utf8.Length - word.Length;)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(utf8.Slice(at, word.Length), word))
            {
                return true;
            }
            var next = utf8[(at + 1)..].IndexOfAny((byte)'a', (byte)'A');
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }

    public static string Redact(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Most messages answer no challenge: one scan and out.
        if (!message.Contains(CredentialsWord, StringComparison.OrdinalIgnoreCase))
        {
            return message;
        }
        var secrets = new List<(int Start, int End)>();
        // RFC 3261 7.5: CRLFs before the start line are ignored, so they do not end the headers.
        var pos = 0;
        while (pos < message.Length && message[pos] is '\r' or '\n')
        {
            pos++;
        }
        while (pos < message.Length)
        {
            var lineEnd = EndOfLine(message, pos, out var next);
            if (lineEnd == pos)
            {
                break; // the empty line: the body follows
            }
            var valueEnd = lineEnd;
            while (next < message.Length && message[next] is ' ' or '\t')
            {
                valueEnd = EndOfLine(message, next, out next);
            }
            var colon = message.IndexOf(':', pos, lineEnd - pos);
            if (colon > 0 && SipHeaderNames.Lookup(message[pos..colon].TrimEnd(' ', '\t')) is HeaderId.Authorization or HeaderId.ProxyAuthorization)
            {
                AuthSecretScanner.Find(message, colon + 1, valueEnd, secrets);
            }
            pos = next;
        }
        return secrets.Count == 0 ? message : Replace(message, secrets);
    }

    /// <summary>The end of the line's content (before CR LF or LF); <paramref name="next"/> is where the next line starts.</summary>
    private static int EndOfLine(string text, int start, out int next)
    {
        var lf = text.IndexOf('\n', start);
        if (lf < 0)
        {
            next = text.Length;
            return text.Length;
        }
        next = lf + 1;
        return lf > start && text[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private static string Replace(string message, List<(int Start, int End)> secrets)
    {
        var result = new StringBuilder(message.Length);
        var copied = 0;
        foreach (var (start, end) in secrets)
        {
            result.Append(message, copied, start - copied).Append(Mask);
            copied = end;
        }
        return result.Append(message, copied, message.Length - copied).ToString();
    }

    internal static bool IsSecret(ReadOnlySpan<char> parameter)
    {
        foreach (var name in SecretParameters)
        {
            if (parameter.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
