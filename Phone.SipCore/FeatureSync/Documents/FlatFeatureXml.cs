using System.Text;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// A scanner for the flat documents servers send (docs/protocol.md section 1): an optional XML
/// declaration, a root element with namespace declarations, and children that hold plain text.
/// It reads such a document straight from the UTF-8 bytes, with no XmlReader, no copy and a
/// string only for each child value a document uses.
/// </summary>
/// <remarks>
/// It <em>declines</em> (returns false, decides nothing) whatever it does not fully understand,
/// and the caller then uses the XmlReader path, so every refusal of malformed or hostile XML
/// (DTD, entities, depth, bad characters) keeps coming from there. Declined: a BOM, an encoding
/// other than UTF-8, or ISO-8859-1 with a byte above 0x7F (those bytes would decode differently),
/// <c>standalone</c>, comments, CDATA, processing instructions, DOCTYPE, text directly inside the
/// root, attributes on children, markup inside a child, non-ASCII names, prefixes that are not
/// declared on the root, prefixed attributes other than <c>xmlns:*</c>, a namespace declaration
/// that XML Namespaces 1.0 section 3 forbids, duplicate attributes, <c>&amp;</c> in an attribute,
/// named entities other than the five predefined ones (XML 1.0 section 4.6), <c>]]&gt;</c> in text
/// (section 2.4), characters outside XML 1.0 section 2.2 (and U+007F-U+009F, to be safe), and any
/// byte after the root but white space. Accepted text decodes (<see cref="FlatXmlText"/>) as XmlReader decodes it: the five
/// predefined entities and numeric character references (section 4.1) expanded, line ends
/// normalized (section 2.11: CR LF and CR become LF), and trimmed the same way.
/// </remarks>
internal static class FlatFeatureXml
{
    private const int MaxAttributes = 8;

    private static readonly string[] KnownRoots = [DoNotDisturbEvent.Name, ForwardingEvent.Name, SetDoNotDisturb.Name, SetForwarding.Name];

    /// <summary>The namespaces no prefix but their own may bind (XML Namespaces 1.0 section 3).</summary>
    private static ReadOnlySpan<byte> XmlNamespace => "http://www.w3.org/XML/1998/namespace"u8;

    private static ReadOnlySpan<byte> XmlnsNamespace => "http://www.w3.org/2000/xmlns/"u8;

    /// <summary>
    /// True when the whole document was understood: <paramref name="root"/> is the root's local
    /// name and <paramref name="fields"/> hold its children's text. False: use the XmlReader path.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> xml, out string root, ref FeatureFields fields)
    {
        root = "";
        var pos = 0;
        if (!TrySkipDeclaration(xml, ref pos))
        {
            return false;
        }
        SkipSpace(xml, ref pos);
        if (!Skip(xml, ref pos, (byte)'<') || !TryName(xml, ref pos, out var rootName))
        {
            return false;
        }
        Span<int> attributes = stackalloc int[MaxAttributes * 2];
        if (!TryAttributes(xml, ref pos, attributes, out var declared, out var emptyRoot)
            || !IsDeclared(xml, rootName, declared))
        {
            return false;
        }
        if (!emptyRoot && !TryChildren(xml, ref pos, rootName, declared, ref fields))
        {
            return false;
        }
        SkipSpace(xml, ref pos);
        if (pos != xml.Length)
        {
            return false;
        }
        root = RootString(rootName.Local(xml));
        return true;
    }

    /// <summary>
    /// <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c> or none (XML 1.0 section 2.8); a
    /// declaration of ISO-8859-1 is taken only when every byte is ASCII, where both encodings agree.
    /// </summary>
    private static bool TrySkipDeclaration(ReadOnlySpan<byte> xml, ref int pos)
    {
        if (!xml.StartsWith("<?xml"u8))
        {
            return !xml.StartsWith("<?"u8);
        }
        pos = 5;
        if (SkipSpace(xml, ref pos) == 0 || !Skip(xml, ref pos, "version"u8) || !TryQuoted(xml, ref pos, out var version)
            || !version.SequenceEqual("1.0"u8))
        {
            return false;
        }
        if (SkipSpace(xml, ref pos) > 0 && Skip(xml, ref pos, "encoding"u8))
        {
            if (!TryQuoted(xml, ref pos, out var encoding))
            {
                return false;
            }
            var latin1 = Ascii.EqualsIgnoreCase(encoding, "ISO-8859-1"u8);
            if (!latin1 && !Ascii.EqualsIgnoreCase(encoding, "UTF-8"u8) || latin1 && !Ascii.IsValid(xml))
            {
                return false;
            }
            SkipSpace(xml, ref pos);
        }
        return Skip(xml, ref pos, "?>"u8);
    }

    /// <summary>
    /// The attributes of the root's start tag up to <c>&gt;</c> or <c>/&gt;</c>. <paramref name="declared"/>
    /// is filled with the start and length of each attribute name, two ints an attribute.
    /// </summary>
    private static bool TryAttributes(
        ReadOnlySpan<byte> xml, ref int pos, Span<int> names, out Span<int> declared, out bool empty)
    {
        declared = names[..0];
        empty = false;
        while (true)
        {
            var spaced = SkipSpace(xml, ref pos) > 0;
            if (Skip(xml, ref pos, (byte)'>'))
            {
                return true;
            }
            if (Skip(xml, ref pos, "/>"u8))
            {
                empty = true;
                return true;
            }
            if (!spaced || declared.Length == names.Length || !TryName(xml, ref pos, out var name)
                || !TryQuoted(xml, ref pos, out var value) || !IsAcceptedAttribute(xml, name, value)
                || IsDuplicate(xml, name, declared))
            {
                return false;
            }
            names[declared.Length] = name.Start;
            names[declared.Length + 1] = name.Length;
            declared = names[..(declared.Length + 2)];
        }
    }

    /// <summary>
    /// Unprefixed attributes and namespace declarations, except those XML Namespaces 1.0 section 3
    /// forbids: an empty prefixed declaration, a prefix starting with "xml", binding a reserved name.
    /// </summary>
    private static bool IsAcceptedAttribute(ReadOnlySpan<byte> xml, QName name, ReadOnlySpan<byte> value)
    {
        if (!FlatXmlText.IsPlainValue(value) || value.SequenceEqual(XmlNamespace) || value.SequenceEqual(XmlnsNamespace))
        {
            return false;
        }
        if (name.Colon < 0)
        {
            return true;
        }
        var prefix = name.Prefix(xml);
        var local = name.Local(xml);
        return prefix.SequenceEqual("xmlns"u8) && value.Length > 0
            && !(local.Length >= 3 && Ascii.EqualsIgnoreCase(local[..3], "xml"u8));
    }

    private static bool IsDuplicate(ReadOnlySpan<byte> xml, QName name, ReadOnlySpan<int> declared)
    {
        for (var i = 0; i < declared.Length; i += 2)
        {
            if (xml.Slice(declared[i], declared[i + 1]).SequenceEqual(name.Full(xml)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An element's prefix must be bound by an <c>xmlns:prefix</c> on the root; none needs nothing.</summary>
    private static bool IsDeclared(ReadOnlySpan<byte> xml, QName name, ReadOnlySpan<int> declared)
    {
        if (name.Colon < 0)
        {
            return true;
        }
        var prefix = name.Prefix(xml);
        for (var i = 0; i < declared.Length; i += 2)
        {
            var attribute = xml.Slice(declared[i], declared[i + 1]);
            if (attribute.StartsWith("xmlns:"u8) && attribute[6..].SequenceEqual(prefix))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The root's children, each <c>&lt;name&gt;text&lt;/name&gt;</c> or <c>&lt;name/&gt;</c>, then the root's end tag.</summary>
    private static bool TryChildren(
        ReadOnlySpan<byte> xml, ref int pos, QName rootName, ReadOnlySpan<int> declared, ref FeatureFields fields)
    {
        while (true)
        {
            SkipSpace(xml, ref pos);
            if (!Skip(xml, ref pos, (byte)'<'))
            {
                return false;
            }
            if (Skip(xml, ref pos, (byte)'/'))
            {
                return TryEndTag(xml, ref pos, rootName);
            }
            if (!TryName(xml, ref pos, out var child) || !IsDeclared(xml, child, declared))
            {
                return false;
            }
            SkipSpace(xml, ref pos);
            var slot = FeatureFields.SlotOf(child.Local(xml));
            if (Skip(xml, ref pos, "/>"u8))
            {
                fields.Offer(slot, "");
                continue;
            }
            if (!Skip(xml, ref pos, (byte)'>'))
            {
                return false;
            }
            var start = pos;
            if (!FlatXmlText.TryText(xml, ref pos, out var plain))
            {
                return false;
            }
            var text = xml[start..pos];
            if (!Skip(xml, ref pos, "</"u8) || !TryEndTag(xml, ref pos, child))
            {
                return false;
            }
            if (fields.Wants(slot))
            {
                fields.Offer(slot, plain ? FlatXmlText.PlainString(text) : FlatXmlText.DecodedString(text));
            }
        }
    }

    /// <summary>After <c>&lt;/</c>: the same qualified name as the start tag, optional space, <c>&gt;</c>.</summary>
    private static bool TryEndTag(ReadOnlySpan<byte> xml, ref int pos, QName open)
    {
        if (!TryName(xml, ref pos, out var close) || !close.Full(xml).SequenceEqual(open.Full(xml)))
        {
            return false;
        }
        SkipSpace(xml, ref pos);
        return Skip(xml, ref pos, (byte)'>');
    }

    private static string RootString(ReadOnlySpan<byte> local)
    {
        foreach (var known in KnownRoots)
        {
            if (Ascii.Equals(local, known))
            {
                return known;
            }
        }
        return Encoding.ASCII.GetString(local);
    }

    /// <summary>
    /// A qualified name in ASCII (XML Namespaces 1.0 section 4): NCName, or NCName ':' NCName.
    /// Non-ASCII name characters are legal XML but declined here.
    /// </summary>
    private static bool TryName(ReadOnlySpan<byte> xml, ref int pos, out QName name)
    {
        var start = pos;
        var colon = -1;
        while (pos < xml.Length)
        {
            var b = xml[pos];
            var first = pos == start || pos == start + colon + 1;
            if (b == (byte)':' && colon < 0 && !first)
            {
                colon = pos - start;
            }
            else if (!(IsNameStart(b) || !first && b is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.'))
            {
                break;
            }
            pos++;
        }
        name = new QName(start, pos - start, colon);
        return name.Length > 0 && colon != name.Length - 1 && pos < xml.Length;
    }

    private static bool IsNameStart(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_';

    /// <summary><c>S? = S? "value"</c> or with single quotes; the value is everything between the quotes.</summary>
    private static bool TryQuoted(ReadOnlySpan<byte> xml, ref int pos, out ReadOnlySpan<byte> value)
    {
        value = default;
        SkipSpace(xml, ref pos);
        if (!Skip(xml, ref pos, (byte)'='))
        {
            return false;
        }
        SkipSpace(xml, ref pos);
        if (pos >= xml.Length || xml[pos] is not ((byte)'"' or (byte)'\''))
        {
            return false;
        }
        var quote = xml[pos++];
        var length = xml[pos..].IndexOf(quote);
        if (length < 0)
        {
            return false;
        }
        value = xml.Slice(pos, length);
        pos += length + 1;
        return true;
    }

    /// <summary>XML white space (XML 1.0 section 2.3: space, tab, CR, LF); returns how many bytes.</summary>
    private static int SkipSpace(ReadOnlySpan<byte> xml, ref int pos)
    {
        var start = pos;
        while (pos < xml.Length && xml[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            pos++;
        }
        return pos - start;
    }

    private static bool Skip(ReadOnlySpan<byte> xml, ref int pos, byte expected)
    {
        if (pos >= xml.Length || xml[pos] != expected)
        {
            return false;
        }
        pos++;
        return true;
    }

    private static bool Skip(ReadOnlySpan<byte> xml, ref int pos, ReadOnlySpan<byte> expected)
    {
        if (!xml[pos..].StartsWith(expected))
        {
            return false;
        }
        pos += expected.Length;
        return true;
    }

    /// <summary>Where a name sits in the document; <see cref="Colon"/> is its offset in the name, or -1.</summary>
    private readonly record struct QName(int Start, int Length, int Colon)
    {
        public ReadOnlySpan<byte> Full(ReadOnlySpan<byte> xml) => xml.Slice(Start, Length);

        public ReadOnlySpan<byte> Prefix(ReadOnlySpan<byte> xml) => Colon < 0 ? default : xml.Slice(Start, Colon);

        public ReadOnlySpan<byte> Local(ReadOnlySpan<byte> xml) => xml.Slice(Start + Colon + 1, Length - Colon - 1);
    }
}
