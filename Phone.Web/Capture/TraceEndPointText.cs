using System.Net;
using System.Net.Sockets;
using Phone.SipCore.Transport;

namespace Phone.Web.Capture;

/// <summary>
/// Reads the trace's end point text back (<c>TRANSPORT:address:port</c>, as
/// <see cref="SipEndPoint.ToString"/> writes it). Rows from before the transport prefix are UDP.
/// </summary>
internal static class TraceEndPointText
{
    public static SipEndPoint? TryParse(string text)
    {
        var kind = SipTransportKind.Udp;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Enum.TryParse<SipTransportKind>(text[..colon], ignoreCase: true, out var named) && !text.StartsWith('['))
        {
            kind = named;
            text = text[(colon + 1)..];
        }
        if (!IPEndPoint.TryParse(text, out var endPoint))
        {
            return null;
        }
        // A dual-mode socket reports IPv4 peers as ::ffff:a.b.c.d; the capture shows them as IPv4.
        return new SipEndPoint(kind, endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint);
    }

    /// <summary>Both ends in one address family: an IPv4 end is mapped to IPv6 when the other is IPv6.</summary>
    public static (IPEndPoint Local, IPEndPoint Remote) SameFamily(IPEndPoint local, IPEndPoint remote)
    {
        if (local.AddressFamily == remote.AddressFamily)
        {
            return (local, remote);
        }
        return (ToV6(local), ToV6(remote));
    }

    private static IPEndPoint ToV6(IPEndPoint endPoint) => endPoint.AddressFamily == AddressFamily.InterNetwork
        ? new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port)
        : endPoint;
}
