using System.Globalization;
using System.Net;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Stack;

/// <summary>
/// Marks where a request really came from in its top Via, so responses go back there:
/// <c>received</c> when the sent-by host is not the source address (RFC 3261 18.2.1), and
/// the source port in an empty <c>rport</c> (RFC 3581 4) for clients behind NAT.
/// </summary>
public static class ViaStamper
{
    public static SipRequest Stamp(SipRequest request, IPEndPoint source)
    {
        var via = request.TopVia;
        var sentBy = via.Host.Trim('[', ']');
        var needsReceived = !(IPAddress.TryParse(sentBy, out var host) && host.Equals(source.Address)) && via.Received is null;
        var needsRport = via.HasRPort && via.RPort is null;
        if (!needsReceived && !needsRport)
        {
            return request;
        }
        var values = request.GetHeaderValues(HeaderId.Via).ToArray();
        var top = values[0];
        if (needsRport)
        {
            top = RemoveEmptyRport(top) + ";rport=" + source.Port.ToString(CultureInfo.InvariantCulture);
        }
        // RFC 3581 4: with rport, received is added even when the host matches.
        if (needsReceived || needsRport)
        {
            top += ";received=" + source.Address;
        }
        values[0] = top;
        return SipMessageBuilder.From(request).SetHeader(HeaderId.Via, string.Join(", ", values)).BuildRequest();
    }

    private static string RemoveEmptyRport(string via)
    {
        var parts = via.Split(';');
        return string.Join(';', parts.Where(p => !p.Trim().Equals("rport", StringComparison.OrdinalIgnoreCase)));
    }
}
