using System.Buffers.Binary;

namespace Phone.Web.Capture;

/// <summary>The ones' complement sum of 16-bit words (RFC 1071) that IPv4, UDP and TCP headers carry.</summary>
internal struct InternetChecksum
{
    private ulong _sum;

    public void Add(ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            _sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (i < data.Length)
        {
            // RFC 1071 4.1: an odd last byte is padded with a zero byte.
            _sum += (ulong)data[i] << 8;
        }
    }

    public void Add(ushort word) => _sum += word;

    public void Add(uint word)
    {
        _sum += word >> 16;
        _sum += word & 0xFFFF;
    }

    public readonly ushort Value()
    {
        var sum = _sum;
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
