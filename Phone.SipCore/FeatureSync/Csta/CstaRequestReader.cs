using System.Xml;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.FeatureSync.Csta;

/// <summary>
/// Reads a uaCSTA INFO body with the same safety rules as the feature documents: the Set
/// requests go through <see cref="FeatureDocumentReader"/>, the rest are recognised by
/// their root element.
/// </summary>
public static class CstaRequestReader
{
    public static CstaRequest Read(ReadOnlyMemory<byte> body)
    {
        var result = FeatureDocumentReader.Read(body);
        if (!result.Success)
        {
            return new CstaRequest.Malformed(result.Error!);
        }
        return result.Document switch
        {
            SetDoNotDisturb set => new CstaRequest.SetDnd(set) { Device = set.Device },
            SetForwarding set => new CstaRequest.SetForward(set) { Device = set.Device },
            UnknownDocument { RootName: "MonitorStart" } doc => new CstaRequest.MonitorStart { Device = MonitorDevice(body) ?? doc.Device },
            UnknownDocument { RootName: "GetDoNotDisturb" } doc => new CstaRequest.GetDoNotDisturb { Device = doc.Device },
            UnknownDocument { RootName: "GetForwarding" } doc => new CstaRequest.GetForwarding { Device = doc.Device },
            var other => new CstaRequest.Unsupported(other!.ElementName) { Device = other.Device },
        };
    }

    /// <summary>MonitorStart names the device in monitorObject/deviceObject rather than device.</summary>
    private static string? MonitorDevice(ReadOnlyMemory<byte> body)
    {
        // The body already passed the safe reader; this second pass only looks for one element.
        using var reader = XmlReader.Create(new MemoryStream(body.ToArray(), writable: false), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = FeatureXml.MaxDocumentBytes,
        });
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "deviceObject")
                {
                    return reader.ReadElementContentAsString().Trim();
                }
            }
        }
        catch (XmlException)
        {
            // A deviceObject with markup inside (found by the fuzz test): no device, not a crash.
        }
        return null;
    }
}
