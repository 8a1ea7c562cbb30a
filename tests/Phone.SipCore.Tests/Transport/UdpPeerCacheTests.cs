using System.Net;
using System.Net.Sockets;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transport;

public sealed class UdpPeerCacheTests
{
    private static SocketAddress Received(IPEndPoint from)
    {
        // As the reader holds it: one buffer of the family's largest size, overwritten per receive.
        var address = new SocketAddress(from.AddressFamily, SocketAddress.GetMaximumAddressSize(from.AddressFamily));
        var serialized = from.Serialize();
        serialized.Buffer.Span[..serialized.Size].CopyTo(address.Buffer.Span);
        address.Size = serialized.Size;
        return address;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void A_peer_heard_again_is_the_same_endpoint_and_different_ports_are_different_peers(string address)
    {
        var ip = IPAddress.Parse(address);
        var cache = new UdpPeerCache(ip.AddressFamily);
        var buffer = Received(new IPEndPoint(ip, 5060));

        var first = cache.Find(buffer);
        var again = cache.Find(Received(new IPEndPoint(ip, 5060)));
        var other = cache.Find(Received(new IPEndPoint(ip, 5062)));

        Assert.Same(first, again);
        Assert.Equal(new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(ip, 5060)), first);
        Assert.Equal(new IPEndPoint(ip, 5062), other.EndPoint);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_key_is_a_copy_so_the_next_receive_into_the_same_buffer_does_not_change_a_known_peer()
    {
        var cache = new UdpPeerCache(AddressFamily.InterNetwork);
        var buffer = Received(new IPEndPoint(IPAddress.Loopback, 5060));
        var first = cache.Find(buffer);
        var serialized = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5070).Serialize();
        serialized.Buffer.Span[..serialized.Size].CopyTo(buffer.Buffer.Span); // the kernel writes the next sender

        var second = cache.Find(buffer);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5070), second.EndPoint);
        Assert.Same(first, cache.Find(Received(new IPEndPoint(IPAddress.Loopback, 5060))));
    }

    [Fact]
    public void A_flood_of_sources_empties_the_cache_instead_of_growing_it()
    {
        var cache = new UdpPeerCache(AddressFamily.InterNetwork);
        for (var port = 1; port <= UdpPeerCache.Capacity + 10; port++)
        {
            cache.Find(Received(new IPEndPoint(IPAddress.Loopback, port)));
        }

        Assert.Equal(10, cache.Count);
    }

    [Fact]
    public void An_endpoint_whose_text_was_asked_for_still_equals_one_whose_was_not()
    {
        var a = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060));
        var b = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060));

        Assert.Equal("UDP:127.0.0.1:5060", a.ToString());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Transport = SipTransportKind.Tcp });
        Assert.Equal("TCP:127.0.0.1:5060", (a with { Transport = SipTransportKind.Tcp }).ToString()); // a copy words itself
    }
}
