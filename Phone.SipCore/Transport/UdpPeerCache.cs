using System.Net;
using System.Net.Sockets;

namespace Phone.SipCore.Transport;

/// <summary>
/// The <see cref="SipEndPoint"/> of each peer a UDP reader hears from, by the raw socket address
/// the kernel reports: a datagram from a known peer costs no IPEndPoint, IPAddress, SipEndPoint
/// or text allocation (a phone hears from a handful of servers). Owned by one reader thread, so
/// it takes no lock. Bounded: a flood from spoofed sources empties it rather than growing it.
/// </summary>
internal sealed class UdpPeerCache(AddressFamily family)
{
    public const int Capacity = 1024;

    private readonly Dictionary<SocketAddress, SipEndPoint> _peers = [];
    private readonly IPEndPoint _factory = new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    public int Count => _peers.Count;

    /// <summary>The peer whose address the last receive wrote into <paramref name="received"/> (reused by the caller, so never kept).</summary>
    public SipEndPoint Find(SocketAddress received)
    {
        if (_peers.TryGetValue(received, out var known))
        {
            return known;
        }
        if (_peers.Count >= Capacity)
        {
            _peers.Clear();
        }
        var key = new SocketAddress(received.Family, received.Size);
        received.Buffer.Span[..received.Size].CopyTo(key.Buffer.Span);
        var peer = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)_factory.Create(key));
        _peers[key] = peer;
        return peer;
    }
}
