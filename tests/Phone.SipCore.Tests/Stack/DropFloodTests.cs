using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.Fuzz;
using Phone.SipCore.Transport;
using Phone.TestSupport;

namespace Phone.SipCore.Tests.Stack;

/// <summary>
/// Hostile traffic through a real stack: 50,000 mutated, unparseable datagrams from one source
/// over five minutes must leave a short, clean log and a stack that still answers others.
/// </summary>
public sealed class DropFloodTests(ITestOutputHelper output)
{
    private const int Datagrams = 50_000;
    private const int Minutes = 5;

    private const string Seed =
        "OPTIONS sip:2001@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-flood;rport\r\nMax-Forwards: 70\r\n" +
        "From: <sip:probe@127.0.0.2>;tag=f1\r\nTo: <sip:2001@127.0.0.1>\r\nCall-ID: flood@127.0.0.2\r\nCSeq: 1 OPTIONS\r\n" +
        "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

    [Fact]
    public async Task A_flood_of_malformed_datagrams_writes_a_bounded_clean_log_and_others_are_still_answered()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var (phone, attacker) = InMemorySipTransport.CreatePair(time, inline: true);
        var logger = new CapturingLogger<SipStack>();
        await using var stack = new SipStack(time, logger, boundAddress: IPAddress.Loopback);
        stack.AddTransport(phone);
        var answers = new ResponseCollector();
        attacker.Start(answers);

        var mutator = new Mutator(2026);
        var seed = Encoding.UTF8.GetBytes(Seed);
        var perStep = Datagrams / (Minutes * 10);
        for (var sent = 0; sent < Datagrams;)
        {
            var datagram = mutator.Mutate(seed);
            if (SipParser.TryParse(datagram).Success)
            {
                continue; // only what the stack must drop
            }
            await attacker.SendAsync(datagram, phone.LocalEndPoint, CancellationToken.None);
            if (++sent % perStep == 0)
            {
                time.Advance(TimeSpan.FromSeconds(6)); // the flood spreads over five minutes
            }
        }

        // Per minute: FullPerSource lines in full and one summary; one window more for the edges.
        var limits = new DropLogLimits();
        var bound = (Minutes + 1) * (limits.FullPerSource + 1);
        var lines = logger.Lines;
        output.WriteLine($"{lines.Count} log lines for {Datagrams} dropped datagrams over {Minutes} minutes (bound {bound})");
        Assert.True(lines.Count <= bound, $"{lines.Count} log lines for {Datagrams} datagrams; the bound is {bound}");
        Assert.DoesNotContain(lines, line => line.Any(char.IsControl));
        Assert.Equal(Datagrams, stack.DroppedCount);
        Assert.Equal(Datagrams, stack.DropCounts.Values.Sum());
        Assert.Equal(Datagrams - (lines.Count(l => l.StartsWith("Dropped a message", StringComparison.Ordinal))),
            lines.Where(l => l.Contains(" more messages from ", StringComparison.Ordinal))
                .Sum(l => long.Parse(l[..l.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)));

        var other = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.20"), 5060));
        stack.OnPacket(new ReceivedPacket(Encoding.UTF8.GetBytes(Seed.Replace("127.0.0.2", "198.51.100.20", StringComparison.Ordinal)),
            other, phone.LocalEndPoint));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = await answers.Responses.Reader.ReadAsync(timeout.Token);
        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("flood@198.51.100.20", answer.CallId);
    }

    private sealed class ResponseCollector : ISipPacketHandler
    {
        public Channel<SipResponse> Responses { get; } = Channel.CreateUnbounded<SipResponse>();

        public void OnPacket(ReceivedPacket packet)
        {
            if (SipParser.TryParse(packet.Data).Response is { } response)
            {
                Responses.Writer.TryWrite(response);
            }
        }

        public void OnTransportError(SipEndPoint remote, Exception error)
        {
        }
    }
}
