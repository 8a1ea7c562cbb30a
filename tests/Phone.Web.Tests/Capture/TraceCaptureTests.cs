using System.Globalization;
using Phone.SipCore.Transport;
using Phone.Storage.Traces;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Troubleshooting;
using Phone.Web.Capture;

namespace Phone.Web.Tests.Capture;

/// <summary>
/// The capture writer read back by Debian's tshark: the SIP it dissects, the addresses, ports,
/// times, checksums and TCP streams are those of the trace entries.
/// </summary>
public sealed class TraceCaptureTests : IDisposable
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    private readonly string _directory = Directory.CreateTempSubdirectory("capture-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SipTraceEntry Entry(int ms, SipTraceDirection direction, string remote, string local, string text) =>
        new(At.AddMilliseconds(ms), 1, direction, remote, text[..text.IndexOf('\r', StringComparison.Ordinal)], text) { LocalEndpoint = local };

    private static string Request(string method, string callId, string body = "") =>
        $"{method} sip:2001@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK{callId}{method}\r\nFrom: <sip:2001@example.com>;tag=a\r\n" +
        $"To: <sip:2001@example.com>\r\nCall-ID: {callId}\r\nCSeq: 1 {method}\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    private static string Response(int status, string reason, string method, string callId) =>
        $"SIP/2.0 {status} {reason}\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK{callId}{method}\r\nFrom: <sip:2001@example.com>;tag=a\r\n" +
        $"To: <sip:2001@example.com>;tag=b\r\nCall-ID: {callId}\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n";

    private async Task<string> WriteAsync(IEnumerable<SipTraceEntry> entries)
    {
        var path = Path.Combine(_directory, "trace.pcap");
        await using (var file = File.Create(path))
        {
            TraceCapture.Write(entries, file);
        }
        return path;
    }

    // A request's method or a response's status code: the ladder's label up to its first space.
    private static string MethodOrStatus(SipTraceEntry entry) => LadderModel.LabelOf(entry.FirstLine).Split(' ')[0];

    [Fact]
    public async Task Udp_tcp_tls_and_ipv6_messages_read_back_with_their_ends_times_and_streams()
    {
        SipTraceEntry[] entries =
        [
            Entry(0, SipTraceDirection.Out, "UDP:127.0.0.1:5070", "UDP:127.0.0.1:5060", Request("REGISTER", "r1")),
            Entry(3, SipTraceDirection.In, "UDP:127.0.0.1:5070", "UDP:127.0.0.1:5060", Response(401, "Unauthorized", "REGISTER", "r1")),
            Entry(10, SipTraceDirection.Out, "TCP:[::1]:5080", "TCP:[::1]:41000", Request("SUBSCRIBE", "s1")),
            Entry(11, SipTraceDirection.In, "TCP:[::1]:5080", "TCP:[::1]:41000", Response(200, "OK", "SUBSCRIBE", "s1")),
            Entry(12, SipTraceDirection.In, "TCP:[::1]:5080", "TCP:[::1]:41000", Request("NOTIFY", "s1", "<x/>")),
            Entry(13, SipTraceDirection.Out, "TCP:[::1]:5080", "TCP:[::1]:41000", Response(200, "OK", "NOTIFY", "s1")),
            // A second connection to the same server: a stream of its own.
            Entry(20, SipTraceDirection.Out, "TCP:[::1]:5080", "TCP:[::1]:41002", Request("OPTIONS", "o1")),
            Entry(30, SipTraceDirection.In, "TLS:192.0.2.7:5061", "TLS:192.0.2.9:40500", Request("OPTIONS", "o2")),
            Entry(31, SipTraceDirection.Out, "TLS:192.0.2.7:5061", "TLS:192.0.2.9:40500", Response(200, "OK", "OPTIONS", "o2")),
            // A dual-mode socket's IPv4-mapped peer, and a row stored before the local end was kept.
            Entry(40, SipTraceDirection.In, "UDP:[::ffff:127.0.0.1]:5070", "UDP:127.0.0.1:5060", Request("NOTIFY", "n1")),
            Entry(41, SipTraceDirection.Out, "UDP:192.0.2.1:5060", "", Response(481, "Call/Transaction Does Not Exist", "NOTIFY", "n1")),
        ];
        var path = await WriteAsync(entries);

        var rows = await Tshark.FieldsAsync(path, "frame.time_epoch", "ip.src", "ipv6.src", "udp.srcport", "tcp.srcport", "ip.dst", "ipv6.dst",
            "udp.dstport", "tcp.dstport", "tcp.stream", "ip.checksum.status", "udp.checksum.status", "tcp.checksum.status",
            "tcp.analysis.flags", "sip.Method", "sip.Status-Code");

        Assert.Equal(entries.Length, rows.Count);
        Assert.Equal(entries.Select(MethodOrStatus), rows.Select(r => r[14].Length > 0 ? r[14] : r[15]));
        for (var i = 0; i < entries.Length; i++)
        {
            var (row, entry) = (rows[i], entries[i]);
            var epoch = (entry.Time - DateTimeOffset.UnixEpoch).Ticks / 10;
            Assert.Equal(epoch.ToString(CultureInfo.InvariantCulture), row[0].Replace(".", "", StringComparison.Ordinal)[..^3].TrimStart('0'));
            var (source, destination) = (row[1] + row[2] + ":" + row[3] + row[4], row[5] + row[6] + ":" + row[7] + row[8]);
            var (local, remote) = (Strip(entry.LocalEndpoint), Strip(entry.RemoteEndpoint));
            Assert.Equal(entry.Direction == SipTraceDirection.Out ? (local, remote) : (remote, local), (source, destination));
            // Every checksum tshark can check is right (1 = good); IPv6 has no header checksum.
            Assert.All(row[10..13].Where(s => s.Length > 0), s => Assert.Equal("1", s));
            Assert.Equal("", row[13]);
        }
        // One stream per connection: the SUBSCRIBE connection, the OPTIONS one, the TLS one.
        Assert.Equal(["0", "0", "0", "0", "1", "2", "2"], rows.Select(r => r[9]).Where(s => s.Length > 0));
    }

    // The capture's form of a stored end: a mapped IPv4 address as IPv4; an unknown local end as 0.0.0.0:5060.
    private static string Strip(string stored) => stored switch
    {
        "" => "0.0.0.0:5060",
        _ => stored[(stored.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace("[::ffff:", "", StringComparison.Ordinal)
            .Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal),
    };

    [Fact]
    public async Task A_message_longer_than_one_segment_is_one_sip_message_over_several_segments()
    {
        var body = new string('x', 150_000);
        SipTraceEntry[] entries =
        [
            Entry(0, SipTraceDirection.In, "TCP:127.0.0.1:5080", "TCP:127.0.0.1:41000", Request("NOTIFY", "big", body)),
            Entry(1, SipTraceDirection.Out, "TCP:127.0.0.1:5080", "TCP:127.0.0.1:41000", Response(200, "OK", "NOTIFY", "big")),
        ];
        var path = await WriteAsync(entries);

        var rows = await Tshark.FieldsAsync(path, "tcp.len", "tcp.checksum.status", "tcp.analysis.flags", "sip.Method", "sip.Status-Code", "sip.Content-Length");

        Assert.Equal(["NOTIFY", "200"], await Tshark.SipSequenceAsync(path));
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("1", r[1]));
        Assert.All(rows, r => Assert.Equal("", r[2]));
        Assert.Equal("150000", rows.Single(r => r[3] == "NOTIFY")[5]);
    }
}
