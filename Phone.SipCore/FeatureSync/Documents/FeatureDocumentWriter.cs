using System.Globalization;
using System.Text;
using System.Xml;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Writes feature documents exactly as the docs/protocol.md shows them: ISO-8859-1 prolog,
/// the hyphenated ECMA-323 namespace (never omitted: some phones crash without it) and the
/// children in the documented order.
/// </summary>
public static class FeatureDocumentWriter
{
    private const string Prolog = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n";

    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = Encoding.Latin1,
        Indent = false,
    };

    public static byte[] Write(FeatureDocument document) => Encoding.Latin1.GetBytes(WriteString(document));

    public static string WriteString(FeatureDocument document)
    {
        var text = new StringBuilder(Prolog);
        using (var xml = XmlWriter.Create(text, Settings))
        {
            xml.WriteStartElement(document.ElementName, FeatureXml.Namespace);
            xml.WriteElementString("device", FeatureXml.Namespace, document.Device);
            switch (document)
            {
                case SetDoNotDisturb set:
                    Bool(xml, "doNotDisturbOn", set.DoNotDisturbOn);
                    break;
                case DoNotDisturbEvent dnd:
                    Bool(xml, "doNotDisturbOn", dnd.DoNotDisturbOn);
                    break;
                case SetForwarding set:
                    // Order: device, activateForward, forwardingType, forwardDN, ringCount.
                    Bool(xml, "activateForward", set.ActivateForward);
                    xml.WriteElementString("forwardingType", FeatureXml.Namespace, FeatureXml.ToWire(set.ForwardingType));
                    Full(xml, "forwardDN", set.ForwardDn);
                    Full(xml, "ringCount", RingCountText(set.ForwardingType, set.RingCount));
                    break;
                case ForwardingEvent forward:
                    // Order: device, forwardingType, forwardStatus, forwardTo, ringCount.
                    xml.WriteElementString("forwardingType", FeatureXml.Namespace, FeatureXml.ToWire(forward.ForwardingType));
                    Bool(xml, "forwardStatus", forward.ForwardStatus);
                    Full(xml, "forwardTo", forward.ForwardTo);
                    Full(xml, "ringCount", RingCountText(forward.ForwardingType, forward.RingCount));
                    break;
                default:
                    throw new ArgumentException($"{document.ElementName} cannot be written", nameof(document));
            }
            xml.WriteEndElement();
        }
        return text.ToString();
    }

    /// <summary>ringCount matters only for no-answer; the others carry it empty.</summary>
    private static string? RingCountText(ForwardingType type, int? count) =>
        type == ForwardingType.NoAnswer && count is { } n ? n.ToString(CultureInfo.InvariantCulture) : null;

    private static void Bool(XmlWriter xml, string name, bool value) =>
        xml.WriteElementString(name, FeatureXml.Namespace, value ? "true" : "false");

    /// <summary>Writes <c>&lt;name&gt;&lt;/name&gt;</c> rather than <c>&lt;name/&gt;</c> when empty, as servers expect.</summary>
    private static void Full(XmlWriter xml, string name, string? value)
    {
        xml.WriteStartElement(name, FeatureXml.Namespace);
        xml.WriteString(value ?? "");
        xml.WriteFullEndElement();
    }
}
