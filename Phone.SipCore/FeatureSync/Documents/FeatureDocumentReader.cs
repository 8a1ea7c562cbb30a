using System.Xml;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Reads one ECMA-323 feature document safely: no DTD, no external entities, bounded size
/// and depth. The namespace is not checked (both spellings and none are seen in the wild,
/// docs/protocol.md section 1); children are matched by local name, in any order.
/// A flat document (the shapes servers send) is read by <see cref="FlatFeatureXml"/> without an
/// XmlReader; anything that scanner does not fully understand goes through the XmlReader here,
/// with the same limits as before.
/// </summary>
public static class FeatureDocumentReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        // Billion laughs and XXE die here: a DOCTYPE is an error, nothing is resolved.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = FeatureXml.MaxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>An empty or oversized document is declined by the fast path and refused by the full one.</summary>
    public static FeatureDocumentResult Read(ReadOnlyMemory<byte> xml) =>
        TryReadFlat(xml.Span, out var flat) ? flat : ReadWithXmlReader(xml);

    /// <summary>
    /// The fast path alone: true with the result when <see cref="FlatFeatureXml"/> understood every
    /// byte; false (nothing decided) when the document must go through the XmlReader.
    /// </summary>
    internal static bool TryReadFlat(ReadOnlySpan<byte> xml, out FeatureDocumentResult result)
    {
        var fields = new FeatureFields();
        if (xml.Length > FeatureXml.MaxDocumentBytes || !FlatFeatureXml.TryScan(xml, out var root, ref fields))
        {
            result = null!;
            return false;
        }
        result = FeatureDocumentBuilder.Build(root, fields);
        return true;
    }

    /// <summary>The XmlReader path alone (also what benchmarks and agreement tests compare against).</summary>
    internal static FeatureDocumentResult ReadWithXmlReader(ReadOnlyMemory<byte> xml)
    {
        if (xml.Length == 0)
        {
            return FeatureDocumentResult.Fail("empty document");
        }
        if (xml.Length > FeatureXml.MaxDocumentBytes)
        {
            return FeatureDocumentResult.Fail($"document of {xml.Length} bytes exceeds the {FeatureXml.MaxDocumentBytes}-byte limit");
        }
        try
        {
            using var stream = new MemoryStream(xml.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                return FeatureDocumentResult.Fail("no root element");
            }
            var root = reader.LocalName;
            var fields = ReadChildren(reader, out var depthError);
            if (depthError is not null)
            {
                return FeatureDocumentResult.Fail(depthError);
            }
            return FeatureDocumentBuilder.Build(root, fields);
        }
        catch (XmlException ex)
        {
            return FeatureDocumentResult.Fail($"malformed XML: {ex.Message}");
        }
    }

    public static FeatureDocumentResult Read(string xml) => Read(System.Text.Encoding.UTF8.GetBytes(
        // A string is already decoded: drop a declared encoding so the bytes are read as UTF-8.
        xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..] : xml));

    /// <summary>Collects the text of the root's direct children; nested elements are skipped.</summary>
    private static FeatureFields ReadChildren(XmlReader reader, out string? depthError)
    {
        depthError = null;
        var fields = new FeatureFields();
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return fields;
        }
        var rootDepth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > rootDepth)
        {
            if (reader.Depth - rootDepth > FeatureXml.MaxDepth)
            {
                depthError = $"elements nested deeper than {FeatureXml.MaxDepth} levels";
                return fields;
            }
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == rootDepth + 1)
            {
                var name = reader.LocalName;
                var text = ReadText(reader, rootDepth, ref depthError);
                if (depthError is not null)
                {
                    return fields;
                }
                fields.Offer(FeatureFields.SlotOf(name), text);
                continue;
            }
            reader.Read();
        }
        // Drain to the end so trailing garbage after the root is still reported as malformed.
        while (reader.Read())
        {
        }
        return fields;
    }

    /// <summary>Reads a child's text, walking (not recursing) through any nested markup.</summary>
    private static string ReadText(XmlReader reader, int rootDepth, ref string? depthError)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }
        var childDepth = reader.Depth;
        var text = new System.Text.StringBuilder();
        reader.Read();
        while (!reader.EOF && reader.Depth > childDepth)
        {
            if (reader.Depth - rootDepth > FeatureXml.MaxDepth)
            {
                depthError = $"elements nested deeper than {FeatureXml.MaxDepth} levels";
                return "";
            }
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }
            reader.Read();
        }
        reader.Read(); // past the child's end tag
        return text.ToString().Trim();
    }
}
