using System.Buffers;
using System.Text;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Character data for <see cref="FlatFeatureXml"/>: checks a child's text or an attribute value
/// against XML 1.0 (characters, section 2.2; references, sections 4.1 and 4.6; no <c>]]&gt;</c>,
/// section 2.4) without decoding it, then decodes the text of a child a document uses exactly as
/// XmlReader does (line ends normalized, section 2.11), trimmed like the XmlReader path's value.
/// </summary>
internal static class FlatXmlText
{
    /// <summary>Values most documents carry, returned without a new string.</summary>
    private static readonly string[] CommonValues = ["true", "false", "forwardImmediate", "forwardBusy", "forwardNoAns"];

    /// <summary>Text bytes that need no look: printable ASCII and tab/LF, less <c>&lt; &amp; ]</c>.</summary>
    private static readonly SearchValues<byte> PlainText = SearchValues.Create(Printable(except: "<&]", plus: "\t\n"));

    /// <summary>Attribute value bytes that need no look: printable ASCII and white space, less <c>&lt; &amp;</c>.</summary>
    private static readonly SearchValues<byte> PlainValue = SearchValues.Create(Printable(except: "<&", plus: "\t\n\r"));

    /// <summary>
    /// Character data up to the next <c>&lt;</c>, checked (not decoded). <paramref name="plain"/> is
    /// true when it is ASCII with no reference and no CR, so its bytes are its characters.
    /// </summary>
    public static bool TryText(ReadOnlySpan<byte> xml, ref int pos, out bool plain)
    {
        plain = true;
        while (pos < xml.Length)
        {
            // Runs of plain characters (all of a usual value) are skipped at once; the rest is looked at byte by byte.
            var run = xml[pos..].IndexOfAnyExcept(PlainText);
            pos = run < 0 ? xml.Length : pos + run;
            if (pos == xml.Length || xml[pos] == (byte)'<')
            {
                break;
            }
            var b = xml[pos];
            if (b == (byte)'&')
            {
                if (!TryReference(xml, ref pos, out _))
                {
                    return false;
                }
                plain = false;
                continue;
            }
            if (b == (byte)']' && xml[pos..].StartsWith("]]>"u8))
            {
                return false;
            }
            if (!TryCharacter(xml, ref pos, out var length))
            {
                return false;
            }
            plain &= length == 1 && b != (byte)'\r';
        }
        return pos < xml.Length;
    }

    /// <summary>An attribute value: characters only, no markup and no reference.</summary>
    public static bool IsPlainValue(ReadOnlySpan<byte> value)
    {
        if (!value.ContainsAnyExcept(PlainValue))
        {
            return true;
        }
        var pos = 0;
        while (pos < value.Length)
        {
            if (value[pos] is (byte)'<' or (byte)'&' || !TryCharacter(value, ref pos, out _))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>One UTF-8 encoded XML character (XML 1.0 section 2.2, U+007F-U+009F declined).</summary>
    private static bool TryCharacter(ReadOnlySpan<byte> xml, ref int pos, out int length)
    {
        if (xml[pos] < 0x80)
        {
            length = 1;
            return IsXmlChar(xml[pos++]);
        }
        if (Rune.DecodeFromUtf8(xml[pos..], out var rune, out length) != OperationStatus.Done || !IsXmlChar(rune.Value))
        {
            return false;
        }
        pos += length;
        return true;
    }

    private static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and < 0x7F) or (>= 0xA0 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    /// <summary>
    /// <c>&amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;apos;</c> or <c>&amp;#N;</c> / <c>&amp;#xH;</c> naming an
    /// XML character (XML 1.0 sections 4.1 and 4.6); at <c>&amp;</c>, moved past the <c>;</c>.
    /// </summary>
    private static bool TryReference(ReadOnlySpan<byte> xml, ref int pos, out int value)
    {
        value = 0;
        var end = xml[pos..].IndexOf((byte)';');
        if (end < 2 || end > 12)
        {
            return false;
        }
        var body = xml.Slice(pos + 1, end - 1);
        pos += end + 1;
        if (body[0] != (byte)'#')
        {
            value = PredefinedEntity(body);
            return value != 0;
        }
        var hex = body.Length > 1 && body[1] == (byte)'x';
        var digits = body[(hex ? 2 : 1)..];
        if (digits.IsEmpty)
        {
            return false;
        }
        foreach (var d in digits)
        {
            var digit = d switch
            {
                >= (byte)'0' and <= (byte)'9' => d - '0',
                >= (byte)'a' and <= (byte)'f' when hex => d - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' when hex => d - 'A' + 10,
                _ => -1,
            };
            if (digit < 0 || value > 0x10FFFF)
            {
                return false;
            }
            value = value * (hex ? 16 : 10) + digit;
        }
        return IsXmlChar(value);
    }

    /// <summary>The character of one of the five predefined entities (XML 1.0 section 4.6), else 0.</summary>
    private static int PredefinedEntity(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("amp"u8))
        {
            return '&';
        }
        if (name.SequenceEqual("lt"u8))
        {
            return '<';
        }
        if (name.SequenceEqual("gt"u8))
        {
            return '>';
        }
        if (name.SequenceEqual("quot"u8))
        {
            return '"';
        }
        return name.SequenceEqual("apos"u8) ? '\'' : 0;
    }

    /// <summary>A checked text that is its own characters: trimmed, and a common value without a new string.</summary>
    public static string PlainString(ReadOnlySpan<byte> text)
    {
        text = TrimSpace(text);
        foreach (var common in CommonValues)
        {
            if (Ascii.Equals(text, common))
            {
                return common;
            }
        }
        return text.IsEmpty ? "" : Encoding.ASCII.GetString(text);
    }

    /// <summary>
    /// A checked text with references, CRs or non-ASCII characters, decoded as XmlReader decodes
    /// it (XML 1.0 sections 2.11 and 4.1), then trimmed like the XmlReader path's value.
    /// </summary>
    public static string DecodedString(ReadOnlySpan<byte> text)
    {
        text = TrimSpace(text);
        char[]? rented = null;
        // Never more characters than bytes: a reference is longer than its character, UTF-8 no shorter than UTF-16.
        Span<char> chars = text.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        var count = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            int value;
            if (text[pos] == (byte)'&')
            {
                TryReference(text, ref pos, out value);
            }
            else if (text[pos] == (byte)'\r')
            {
                value = '\n';
                pos += pos + 1 < text.Length && text[pos + 1] == (byte)'\n' ? 2 : 1;
            }
            else
            {
                Rune.DecodeFromUtf8(text[pos..], out var rune, out var length);
                value = rune.Value;
                pos += length;
            }
            count += new Rune(value).EncodeToUtf16(chars[count..]);
        }
        var decoded = new string(chars[..count]).Trim();
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
        return decoded;
    }

    /// <summary>Printable ASCII (0x20-0x7E) less <paramref name="except"/>, plus <paramref name="plus"/>.</summary>
    private static byte[] Printable(string except, string plus) =>
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => !except.Contains((char)b, StringComparison.Ordinal))
            .Concat(plus.Select(c => (int)c)).Select(b => (byte)b)];

    private static ReadOnlySpan<byte> TrimSpace(ReadOnlySpan<byte> text) => text.Trim(" \t\r\n"u8);
}
