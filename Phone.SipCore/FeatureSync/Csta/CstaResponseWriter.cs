using System.Globalization;
using System.Text;
using System.Xml;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.FeatureSync.Csta;

/// <summary>Writes the ECMA-323 answers the phone puts in the 200 to a uaCSTA INFO.</summary>
public static class CstaResponseWriter
{
    public const string ContentType = "application/csta+xml";

    private static readonly XmlWriterSettings Settings = new() { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 };

    public static string MonitorStartResponse(string monitorCrossRefId) =>
        Write("MonitorStartResponse", x => x.WriteElementString("monitorCrossRefID", FeatureXml.Namespace, monitorCrossRefId));

    public static string SetDoNotDisturbResponse() => Write("SetDoNotDisturbResponse", _ => { });

    public static string SetForwardingResponse() => Write("SetForwardingResponse", _ => { });

    public static string GetDoNotDisturbResponse(bool on) =>
        Write("GetDoNotDisturbResponse", x => x.WriteElementString("doNotDisturbOn", FeatureXml.Namespace, on ? "true" : "false"));

    /// <summary>ECMA-323 forwardingList: one item per forward, with its type, status and target.</summary>
    public static string GetForwardingResponse(IEnumerable<ForwardingEvent> forwards) =>
        Write("GetForwardingResponse", x =>
        {
            x.WriteStartElement("forwardingList", FeatureXml.Namespace);
            foreach (var forward in forwards)
            {
                x.WriteStartElement("forwardListItem", FeatureXml.Namespace);
                x.WriteElementString("forwardingType", FeatureXml.Namespace, FeatureXml.ToWire(forward.ForwardingType));
                x.WriteElementString("forwardStatus", FeatureXml.Namespace, forward.ForwardStatus ? "true" : "false");
                x.WriteElementString("forwardDN", FeatureXml.Namespace, forward.ForwardTo ?? "");
                if (forward.ForwardingType == ForwardingType.NoAnswer && forward.RingCount is { } rings)
                {
                    x.WriteElementString("ringCount", FeatureXml.Namespace, rings.ToString(CultureInfo.InvariantCulture));
                }
                x.WriteEndElement();
            }
            x.WriteEndElement();
        });

    /// <summary>A CSTA error (ECMA-323 CSTAErrorCode) in the operation category.</summary>
    public static string Error(string operationError) =>
        Write("CSTAErrorCode", x => x.WriteElementString("operation", FeatureXml.Namespace, operationError));

    private static string Write(string root, Action<XmlWriter> children)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n");
        using (var xml = XmlWriter.Create(text, Settings))
        {
            xml.WriteStartElement(root, FeatureXml.Namespace);
            children(xml);
            xml.WriteEndElement();
        }
        return text.ToString();
    }
}
