using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Phone.SipCore.Transport;
using Phone.Storage.Traces;

namespace Phone.Web.Capture;

/// <summary>
/// Writes stored SIP trace entries as a pcap file Wireshark and tshark open: one packet per
/// message, with its stored time, both addresses and ports. UDP messages are datagrams; TCP and
/// TLS messages are segments of one TCP stream per connection (local and remote end), with
/// sequence and acknowledgement numbers that follow the bytes written in each direction. TLS is
/// stored decrypted, so it is written as plain TCP on its real ports (5061 as a rule); Wireshark's
/// SIP heuristic dissects it there. The text is the stored, already redacted text.
/// </summary>
public static class TraceCapture
{
    public const string ContentType = "application/vnd.tcpdump.pcap";

    /// <summary>The download's name: the line and the time it was taken, UTC, e.g. <c>featuresync-line1-20261201-171500Z.pcap</c>.</summary>
    public static string FileName(int line, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"featuresync-line{line}-{now.UtcDateTime:yyyyMMdd-HHmmss}Z.pcap");

    /// <param name="entries">In trace order (oldest first).</param>
    public static void Write(IEnumerable<SipTraceEntry> entries, Stream output)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var file = new PcapFile(output);
        file.WriteHeader();
        var streams = new Dictionary<(IPEndPoint Local, IPEndPoint Remote), TcpStreamState>();
        ushort id = 0;
        foreach (var entry in entries)
        {
            var (local, remote, kind) = EndsOf(entry);
            var payload = Encoding.UTF8.GetBytes(entry.Text);
            var outbound = entry.Direction == SipTraceDirection.Out;
            var (source, destination) = outbound ? (local, remote) : (remote, local);
            if (kind == SipTransportKind.Udp)
            {
                file.WritePacket(entry.Time, IpPacket.UdpDatagram(source, destination, payload, ++id));
                continue;
            }
            if (!streams.TryGetValue((local, remote), out var stream))
            {
                stream = new TcpStreamState();
                streams.Add((local, remote), stream);
            }
            // A message longer than one segment goes in several, as TCP would send it.
            var offset = 0;
            do
            {
                var chunk = payload.AsSpan(offset, Math.Min(IpPacket.MaxTcpPayload, payload.Length - offset));
                var (sequence, acknowledgement) = stream.Advance(outbound, chunk.Length);
                file.WritePacket(entry.Time, IpPacket.TcpSegment(source, destination, sequence, acknowledgement, chunk, ++id));
                offset += chunk.Length;
            }
            while (offset < payload.Length);
        }
    }

    /// <summary>
    /// The entry's two ends in one address family. Rows stored before the local end was kept get
    /// the unspecified address and the transport's default port (RFC 3261 19.1.2) in its place.
    /// </summary>
    private static (IPEndPoint Local, IPEndPoint Remote, SipTransportKind Kind) EndsOf(SipTraceEntry entry)
    {
        var remote = TraceEndPointText.TryParse(entry.RemoteEndpoint);
        var kind = remote?.Transport ?? SipTransportKind.Udp;
        var remoteEnd = remote?.EndPoint ?? new IPEndPoint(IPAddress.Any, DefaultPort(kind));
        var localEnd = TraceEndPointText.TryParse(entry.LocalEndpoint)?.EndPoint
            ?? new IPEndPoint(remoteEnd.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, DefaultPort(kind));
        var (l, r) = TraceEndPointText.SameFamily(localEnd, remoteEnd);
        return (l, r, kind);
    }

    private static int DefaultPort(SipTransportKind kind) => kind == SipTransportKind.Tls ? 5061 : 5060;

    /// <summary>The next sequence number of each side of one connection (RFC 9293 3.4).</summary>
    private sealed class TcpStreamState
    {
        // As if each side's SYN (ISN 0) had been sent: data starts at 1.
        private uint _local = 1;
        private uint _remote = 1;

        public (uint Sequence, uint Acknowledgement) Advance(bool fromLocal, int length)
        {
            if (fromLocal)
            {
                var sequence = _local;
                _local += (uint)length;
                return (sequence, _remote);
            }
            var remoteSequence = _remote;
            _remote += (uint)length;
            return (remoteSequence, _local);
        }
    }
}
