using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Phone.SipCore.Stack;

/// <summary>
/// Which local address the system would use to reach a destination, for Via and Contact
/// when the listener is bound to every interface. A connected UDP socket answers this
/// without sending anything.
/// </summary>
public sealed class LocalAddressFinder(IPAddress boundAddress)
{
    private readonly ConcurrentDictionary<IPAddress, IPAddress> _cache = new();

    public IPAddress For(IPAddress destination)
    {
        if (!boundAddress.Equals(IPAddress.Any) && !boundAddress.Equals(IPAddress.IPv6Any))
        {
            return boundAddress;
        }
        return _cache.GetOrAdd(destination, static d =>
        {
            try
            {
                using var probe = new Socket(d.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                probe.Connect(new IPEndPoint(d, 9));
                return ((IPEndPoint)probe.LocalEndPoint!).Address;
            }
            catch (SocketException)
            {
                return d.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
            }
        });
    }
}
