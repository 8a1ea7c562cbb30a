using System.Globalization;
using System.Xml;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Reads one ECMA-323 feature document safely: no DTD, no external entities, bounded size
/// and depth. The namespace is not checked (both spellings and none are seen in the wild,
/// docs/protocol.md section 1); children are matched by local name, in any order.
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

    public static FeatureDocumentResult Read(ReadOnlyMemory<byte> xml)
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
            return Build(root, fields);
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
    private static Dictionary<string, string> ReadChildren(XmlReader reader, out string? depthError)
    {
        depthError = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
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
                fields.TryAdd(name, text);
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

    private static FeatureDocumentResult Build(string root, Dictionary<string, string> f)
    {
        var device = f.GetValueOrDefault("device") ?? "";
        try
        {
            FeatureDocument document = root switch
            {
                DoNotDisturbEvent.Name => new DoNotDisturbEvent(Bool(f, "doNotDisturbOn")),
                SetDoNotDisturb.Name => new SetDoNotDisturb(Bool(f, "doNotDisturbOn")),
                ForwardingEvent.Name => new ForwardingEvent(
                    Type(f), Bool(f, "forwardStatus"), Text(f, "forwardTo"), RingCount(f)),
                SetForwarding.Name => new SetForwarding(
                    Type(f), Bool(f, "activateForward"), Text(f, "forwardDN"), RingCount(f)),
                _ => new UnknownDocument(root),
            };
            return FeatureDocumentResult.Ok(document with { Device = device });
        }
        catch (FormatException ex)
        {
            return FeatureDocumentResult.Fail($"{root}: {ex.Message}");
        }
    }

    private static bool Bool(Dictionary<string, string> f, string name)
    {
        if (!f.TryGetValue(name, out var text))
        {
            throw new FormatException($"<{name}> is missing");
        }
        return text.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new FormatException($"<{name}> is '{Clip(text)}', expected true or false"),
        };
    }

    private static ForwardingType Type(Dictionary<string, string> f)
    {
        if (!f.TryGetValue("forwardingType", out var text))
        {
            throw new FormatException("<forwardingType> is missing");
        }
        return FeatureXml.TryParseForwardingType(text, out var type)
            ? type
            : throw new FormatException($"<forwardingType> '{Clip(text)}' is not forwardImmediate, forwardBusy or forwardNoAns");
    }

    private static string? Text(Dictionary<string, string> f, string name) =>
        f.TryGetValue(name, out var text) && text.Length > 0 ? text : null;

    /// <summary>Missing or empty means "not given" (null): the known ring count stays.</summary>
    private static int? RingCount(Dictionary<string, string> f)
    {
        if (!f.TryGetValue("ringCount", out var text) || text.Length == 0)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"<ringCount> '{Clip(text)}' is not a number");
        }
        return count <= FeatureXml.MaxRingCount
            ? count
            : throw new FormatException($"<ringCount> {count} is outside 0..{FeatureXml.MaxRingCount}");
    }

    /// <summary>Keeps hostile values short in log lines.</summary>
    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
