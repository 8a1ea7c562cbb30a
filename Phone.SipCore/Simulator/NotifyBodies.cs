using System.Text;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Simulator;

/// <summary>
/// NOTIFY bodies of the as-feature-event package (docs/protocol.md section 1): the full state
/// as one multipart/mixed body (RFC 2046 5.1.1), one part per assigned feature, and a single
/// event document for a change.
/// </summary>
internal static class NotifyBodies
{
    public static (string ContentType, byte[] Body) FullState(SimulatedFeatures features, string device, string boundary)
    {
        var body = new MemoryStream();
        foreach (var kind in Enum.GetValues<FeatureKind>())
        {
            Write(body, $"--{boundary}\r\nContent-Type: {FeatureXml.ContentType}\r\n\r\n");
            body.Write(FeatureDocumentWriter.Write(FeatureDocumentMapping.ToEvent(kind, features[kind], device)));
            Write(body, "\r\n");
        }
        Write(body, $"--{boundary}--\r\n");
        return ($"multipart/mixed;boundary={boundary}", body.ToArray());
    }

    public static (string ContentType, byte[] Body) One(FeatureKind kind, FeatureValue value, string device) =>
        (FeatureXml.ContentType, FeatureDocumentWriter.Write(FeatureDocumentMapping.ToEvent(kind, value, device)));

    private static void Write(MemoryStream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}
