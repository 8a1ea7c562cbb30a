using System.Globalization;
using System.Text;

namespace Phone.SipCore.Messages;

/// <summary>
/// Makes text that came off the wire safe to put in a log line: a peer must not be able to
/// start a fake log line (CR, LF), drive a terminal (ESC) or hide text (NUL, DEL), nor fill
/// the log with one long value.
/// </summary>
public static class WireText
{
    /// <summary>The longest quoted text a log line carries, in characters, before it is cut.</summary>
    public const int MaxLogLength = 200;

    private const string Cut = "\u2026";

    /// <summary>
    /// CR, LF and TAB as <c>\r</c>, <c>\n</c>, <c>\t</c>; every other C0 or C1 control and DEL as
    /// <c>\xNN</c>; the Unicode line and paragraph separators as <c>\uNNNN</c>; cut after
    /// <paramref name="maxLength"/> characters of output, with "…" marking the cut.
    /// </summary>
    public static string ForLog(string text, int maxLength = MaxLogLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var result = new StringBuilder(Math.Min(text.Length, maxLength) + 1);
        for (var i = 0; i < text.Length; i++)
        {
            var escaped = Escape(text[i]);
            var width = escaped?.Length ?? (char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1);
            if (result.Length + width > maxLength)
            {
                return result.Append(Cut).ToString();
            }
            if (escaped is not null)
            {
                result.Append(escaped);
            }
            else
            {
                // A surrogate pair is kept whole or cut whole.
                result.Append(text, i, width);
                i += width - 1;
            }
        }
        return result.ToString();
    }

    private static string? Escape(char c) => c switch
    {
        '\r' => "\\r",
        '\n' => "\\n",
        '\t' => "\\t",
        < ' ' or '\u007F' or (>= '\u0080' and <= '\u009F') => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
        '\u2028' or '\u2029' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
        _ => null,
    };
}
