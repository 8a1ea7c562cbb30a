using System.Globalization;
using System.Net;
using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Stack;

/// <summary>
/// Marks where a request really came from in its top Via, so responses go back there:
/// <c>received</c> when the sent-by host is not the source address (RFC 3261 18.2.1), and
/// the source port in an empty <c>rport</c> (RFC 3581 4) for clients behind NAT.
/// </summary>
public static class ViaStamper
{
    /// <summary>
    /// The receive path's form: most requests need no stamp (their top Via names the source
    /// address as it is written, and asks for no rport), and that is decided from the top Via's
    /// bytes and the peer's cached address text, without parsing every Via into objects (it was
    /// about 6 % of the UDP reader's time in a NOTIFY storm, docs/performance.md target 2).
    /// Anything else takes <see cref="Stamp(SipRequest, IPEndPoint)"/>, which decides every case.
    /// </summary>
    public static SipRequest Stamp(SipRequest request, SipEndPoint source)
    {
        var value = request.GetValueSpan(HeaderId.Via);
        // One via-parm in the first Via line (a comma-separated list fails this parse).
        if (ViaParser.TryParse(value, out var parts, out _))
        {
            var host = value.Slice(parts.HostStart, parts.HostLength);
            if (host.Length > 2 && host[0] == '[' && host[^1] == ']')
            {
                host = host[1..^1];
            }
            if (Ascii.Equals(host, source.AddressText) && !MentionsRport(value[parts.ParamsStart..]))
            {
                return request;
            }
        }
        return Stamp(request, source.EndPoint);
    }

    // Conservative: any "rport" in the parameters (even inside another one's value) sends the
    // request to the full check, which tells an empty rport from a filled one.
    private static bool MentionsRport(ReadOnlySpan<byte> parameters)
    {
        for (var i = 0; i + 5 <= parameters.Length; i++)
        {
            if ((parameters[i] | 0x20) == 'r' && Ascii.EqualsIgnoreCase(parameters.Slice(i, 5), "rport"u8))
            {
                return true;
            }
        }
        return false;
    }

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
