using System.Buffers.Binary;

namespace Phone.Web.Capture;

/// <summary>
/// A classic libpcap file: the 24-byte global header, then one record per packet. The link type
/// is LINKTYPE_RAW (101): each record is an IPv4 or IPv6 packet, told apart by its version nibble,
/// so no made-up Ethernet addresses are needed. Times are microseconds (magic a1b2c3d4).
/// </summary>
internal sealed class PcapFile(Stream output)
{
    private const uint Magic = 0xA1B2C3D4;
    private const int LinkTypeRaw = 101;
    private const int SnapLength = 262_144;

    public void WriteHeader()
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        // thiszone and sigfigs stay 0: times are UTC.
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeRaw);
        output.Write(header);
    }

    public void WritePacket(DateTimeOffset time, ReadOnlySpan<byte> packet)
    {
        var micros = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (TimeSpan.TicksPerMillisecond / 1000);
        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Length);
        output.Write(record);
        output.Write(packet);
    }
}
