using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Phone.SipCore.Tests.Transport;

/// <summary>
/// A tiny authoritative DNS server on 127.0.0.1 (UDP, ephemeral port) that answers A, AAAA and SRV
/// from a table, building RFC 1035 4.1 wire format by hand. Names not in the table get NXDOMAIN;
/// a name in the table without the asked type gets an empty NOERROR (NODATA). Loopback only.
/// </summary>
public sealed class TestDnsServer : IAsyncDisposable
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;
    public const ushort TypeSrv = 33;

    private readonly UdpClient _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, List<(ushort Type, byte[] Data)>> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _serverFailure = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;

    public TestDnsServer()
    {
        _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.Client.LocalEndPoint!;
        _loop = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Every question asked, as "name TYPE", in arrival order.</summary>
    public ConcurrentQueue<string> Questions { get; } = new();

    public TestDnsServer AddA(string name, string address) => Add(name, TypeA, IPAddress.Parse(address).GetAddressBytes());

    public TestDnsServer AddAaaa(string name, string address) => Add(name, TypeAaaa, IPAddress.Parse(address).GetAddressBytes());

    public TestDnsServer AddSrv(string name, ushort priority, ushort weight, ushort port, string target)
    {
        var data = new List<byte>();
        Span<byte> u16 = stackalloc byte[2];
        foreach (var value in new[] { priority, weight, port })
        {
            BinaryPrimitives.WriteUInt16BigEndian(u16, value);
            data.AddRange(u16.ToArray());
        }
        data.AddRange(EncodeName(target));
        return Add(name, TypeSrv, data.ToArray());
    }

    /// <summary>Makes every query for <paramref name="name"/> answer SERVFAIL.</summary>
    public TestDnsServer FailWithServerFailure(string name)
    {
        _serverFailure[Normalize(name)] = 0;
        return this;
    }

    private TestDnsServer Add(string name, ushort type, byte[] data)
    {
        _records.GetOrAdd(Normalize(name), _ => []).Add((type, data));
        return this;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            // Reply only to loopback: this server must never talk to anything else.
            if (!IPAddress.IsLoopback(request.RemoteEndPoint.Address))
            {
                continue;
            }
            var response = TryBuildResponse(request.Buffer);
            if (response is not null)
            {
                await _socket.SendAsync(response, request.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private byte[]? TryBuildResponse(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1)
        {
            return null;
        }
        // Question: labels, then QTYPE and QCLASS (RFC 1035 4.1.2). Queries carry no compression.
        var offset = 12;
        var labels = new List<string>();
        while (offset < query.Length && query[offset] != 0)
        {
            int length = query[offset];
            labels.Add(Encoding.ASCII.GetString(query, offset + 1, length));
            offset += 1 + length;
        }
        offset++;
        if (offset + 4 > query.Length)
        {
            return null;
        }
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(offset));
        var questionEnd = offset + 4;
        var name = Normalize(string.Join('.', labels));
        Questions.Enqueue($"{name} {TypeName(type)}");

        byte rcode = 0;
        List<(ushort Type, byte[] Data)> answers = [];
        if (_serverFailure.ContainsKey(name))
        {
            rcode = 2;
        }
        else if (_records.TryGetValue(name, out var all))
        {
            lock (all)
            {
                answers = all.Where(r => r.Type == type).ToList();
            }
        }
        else
        {
            rcode = 3; // NXDOMAIN
        }

        var response = new List<byte>();
        response.AddRange(query.AsSpan(0, 2).ToArray()); // ID
        // QR=1, opcode 0, AA=1, RD copied; RA=1; RCODE.
        response.Add((byte)(0x84 | (query[2] & 0x01)));
        response.Add((byte)(0x80 | rcode));
        response.AddRange([0, 1]); // QDCOUNT
        response.AddRange(U16((ushort)answers.Count)); // ANCOUNT
        response.AddRange([0, 0, 0, 0]); // NSCOUNT, ARCOUNT
        response.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var (answerType, data) in answers)
        {
            response.AddRange([0xC0, 12]); // pointer to the question name
            response.AddRange(U16(answerType));
            response.AddRange(U16(1)); // IN
            response.AddRange([0, 0, 0, 60]); // TTL
            response.AddRange(U16((ushort)data.Length));
            response.AddRange(data);
        }
        return response.ToArray();
    }

    private static byte[] U16(ushort value) => [(byte)(value >> 8), (byte)value];

    private static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in Normalize(name).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }
        bytes.Add(0);
        return bytes.ToArray();
    }

    private static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();

    private static string TypeName(ushort type) => type switch
    {
        TypeA => "A",
        TypeAaaa => "AAAA",
        TypeSrv => "SRV",
        _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
