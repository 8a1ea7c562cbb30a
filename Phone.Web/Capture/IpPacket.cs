using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Phone.Web.Capture;

/// <summary>
/// One raw IP packet (IPv4, RFC 791, or IPv6, RFC 8200) carrying a UDP datagram (RFC 768) or a
/// TCP segment (RFC 9293), with every checksum computed, as a capture's LINKTYPE_RAW record holds it.
/// </summary>
internal static class IpPacket
{
    /// <summary>The most a TCP segment of the capture carries; a longer message spans several.</summary>
    public const int MaxTcpPayload = 65_000;

    // IPv4's total length is 16 bits and includes its 20-byte header; IPv6's payload length excludes its.
    private const int MaxTransportBytes = 65_535 - 20;

    private const byte Udp = 17;
    private const byte Tcp = 6;
    private const int UdpHeader = 8;
    private const int TcpHeader = 20;
    private const byte TcpPsh = 0x08;
    private const byte TcpAck = 0x10;

    public static byte[] UdpDatagram(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload, ushort id)
    {
        var transport = new byte[UdpHeader + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(transport, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(transport.AsSpan(2), (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(transport.AsSpan(4), (ushort)transport.Length);
        payload.CopyTo(transport.AsSpan(UdpHeader));
        var checksum = TransportChecksum(source.Address, destination.Address, Udp, transport);
        // RFC 768: a computed zero is sent as all ones (zero means "no checksum").
        BinaryPrimitives.WriteUInt16BigEndian(transport.AsSpan(6), checksum == 0 ? (ushort)0xFFFF : checksum);
        return Wrap(source.Address, destination.Address, Udp, transport, id);
    }

    /// <summary>A data segment with PSH and ACK, as a SIP message is sent on an established connection.</summary>
    public static byte[] TcpSegment(IPEndPoint source, IPEndPoint destination, uint sequence, uint acknowledgement,
        ReadOnlySpan<byte> payload, ushort id)
    {
        var transport = new byte[TcpHeader + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(transport, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(transport.AsSpan(2), (ushort)destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(transport.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(transport.AsSpan(8), acknowledgement);
        transport[12] = TcpHeader / 4 << 4;
        transport[13] = TcpPsh | TcpAck;
        BinaryPrimitives.WriteUInt16BigEndian(transport.AsSpan(14), ushort.MaxValue);
        payload.CopyTo(transport.AsSpan(TcpHeader));
        BinaryPrimitives.WriteUInt16BigEndian(transport.AsSpan(16), TransportChecksum(source.Address, destination.Address, Tcp, transport));
        return Wrap(source.Address, destination.Address, Tcp, transport, id);
    }

    private static byte[] Wrap(IPAddress source, IPAddress destination, byte protocol, byte[] transport, ushort id)
    {
        if (transport.Length > MaxTransportBytes)
        {
            throw new ArgumentException($"{transport.Length} bytes do not fit in one IP packet.", nameof(transport));
        }
        if (source.AddressFamily == AddressFamily.InterNetwork)
        {
            var packet = new byte[20 + transport.Length];
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
            // Don't fragment: the capture shows each message whole.
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), 0x4000);
            packet[8] = 64;
            packet[9] = protocol;
            source.TryWriteBytes(packet.AsSpan(12, 4), out _);
            destination.TryWriteBytes(packet.AsSpan(16, 4), out _);
            var header = new InternetChecksum();
            header.Add(packet.AsSpan(0, 20));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), header.Value());
            transport.CopyTo(packet.AsSpan(20));
            return packet;
        }
        var v6 = new byte[40 + transport.Length];
        v6[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(v6.AsSpan(4), (ushort)transport.Length);
        v6[6] = protocol;
        v6[7] = 64;
        source.TryWriteBytes(v6.AsSpan(8, 16), out _);
        destination.TryWriteBytes(v6.AsSpan(24, 16), out _);
        transport.CopyTo(v6.AsSpan(40));
        return v6;
    }

    /// <summary>The checksum over the pseudo-header (RFC 768, RFC 9293 3.1, RFC 8200 8.1) and the segment.</summary>
    private static ushort TransportChecksum(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> transport)
    {
        var sum = new InternetChecksum();
        Span<byte> address = stackalloc byte[16];
        source.TryWriteBytes(address, out var length);
        sum.Add(address[..length]);
        destination.TryWriteBytes(address, out length);
        sum.Add(address[..length]);
        sum.Add((ushort)protocol);
        sum.Add((uint)transport.Length);
        sum.Add(transport);
        return sum.Value();
    }
}
