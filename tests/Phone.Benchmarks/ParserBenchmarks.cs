using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.Benchmarks;

/// <summary>
/// Parser cost on the message the phone receives most: an as-feature-event NOTIFY, read
/// byte for byte from shared/bench at run time. Numbers are reported in
/// docs/performance.md, never asserted.
/// </summary>
// Min and Median besides Mean: on the shared machine the Mean includes time other processes
// ran; the Min of short iterations is what tools/perf/parser-compare/run.sh also compares.
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ParserBenchmarks
{
    private static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:as.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-reg-2;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:2001@as.example.com>;tag=r1\r\n" +
        "To: <sip:2001@as.example.com>\r\n" +
        "Call-ID: reg-1@192.0.2.10\r\n" +
        "CSeq: 2 REGISTER\r\n" +
        "Contact: <sip:2001@192.0.2.10:5060>;expires=3600\r\n" +
        "Authorization: Digest username=\"2001\", realm=\"as.example.com\", nonce=\"5f1c2a9e0b\",\r\n" +
        " uri=\"sip:as.example.com\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5,\r\n" +
        " cnonce=\"0a4f113b\", qop=auth, nc=00000001\r\n" +
        "Expires: 3600\r\n" +
        "Content-Length: 0\r\n\r\n");

    private byte[] _notify = [];
    private SipMessage _parsedNotify = null!;
    private byte[] _output = [];

    [GlobalSetup]
    public void Setup()
    {
        _notify = File.ReadAllBytes(BenchFiles.Locate(BenchFiles.Notify));
        var result = SipParser.TryParse(_notify);
        _parsedNotify = result.Message ?? throw new InvalidOperationException($"Bench file does not parse: {result}");
        _output = new byte[_notify.Length];
        if (!SipParser.TryParse(Register).Success)
        {
            throw new InvalidOperationException("Bench REGISTER does not parse.");
        }
        // tools/perf/parser-compare/run.sh passes the sum sofia-sip's reads gave: both sides must read the same.
        var expected = Environment.GetEnvironmentVariable("PARSER_COMPARE_EXPECTED_SUM");
        if (!string.IsNullOrEmpty(expected) && ParseNotifyReadCompare().ToString(CultureInfo.InvariantCulture) != expected)
        {
            throw new InvalidOperationException(
                $"ParseNotifyReadCompare reads {ParseNotifyReadCompare()}, sofia-sip's reads {expected}: not the same fields.");
        }
    }

    /// <summary>Parse and validate only: the cost of indexing the headers (and returning the message to the pool).</summary>
    [Benchmark]
    public int ParseNotify()
    {
        var message = SipParser.TryParse(_notify).Message!;
        var count = message.Headers.Length;
        message.Release();
        return count;
    }

    /// <summary>
    /// Parse, then read CSeq, Event, Call-ID and body without materializing strings, then release
    /// (the receive path's steady state: the message goes back to the pool).
    /// </summary>
    [Benchmark(Baseline = true)]
    public int ParseNotifyReadSpans()
    {
        var message = SipParser.TryParse(_notify).Message!;
        var sum = (int)message.CSeq.Number + message.GetValueSpan(HeaderId.Event).Length
            + message.CallIdSpan.Length + message.Body.Length;
        message.Release();
        return sum;
    }

    /// <summary>
    /// The reads tools/perf/parser-compare/bench.c does with sofia-sip, on the same bytes: method,
    /// Call-ID, CSeq, From tag, To tag, Event package, Subscription-State value, Content-Length and
    /// body; then release. This is the figure run.sh compares.
    /// </summary>
    [Benchmark]
    public int ParseNotifyReadCompare()
    {
        var request = SipParser.TryParse(_notify).Request!;
        var sum = request.Method.Name.Length + request.CallIdSpan.Length + (int)request.CSeq.Number
            + request.FromTagSpan.Length + request.ToTagSpan.Length
            + FirstToken(request.GetValueSpan(HeaderId.Event)).Length
            + FirstToken(request.GetValueSpan(HeaderId.SubscriptionState)).Length
            + request.ContentLength + request.Body.Length;
        request.Release();
        return sum;
    }

    /// <summary>Parse, then read the same fields through the typed views (strings, SipEvent).</summary>
    [Benchmark]
    public int ParseNotifyReadTyped()
    {
        var message = SipParser.TryParse(_notify).Message!;
        message.TryGetEvent(out var ev);
        var sum = (int)message.CSeq.Number + ev!.Package.Length + message.CallId.Length + message.Body.Length;
        message.Release();
        return sum;
    }

    /// <summary>Serialize an unchanged parsed message into a caller's buffer.</summary>
    [Benchmark]
    public int SerializeNotify() => SipSerializer.TryWrite(_parsedNotify, _output, out var written) ? written : -1;

    /// <summary>Serialize by way of the builder (what a changed message costs).</summary>
    [Benchmark]
    public int RebuildNotify() => SipMessageBuilder.From(_parsedNotify).ToBytes().Length;

    /// <summary>Parse a REGISTER and read its Authorization auth-params.</summary>
    [Benchmark]
    public int ParseRegisterReadAuthorization()
    {
        var message = SipParser.TryParse(Register).Message!;
        var count = message.GetAuthValues(HeaderId.Authorization)[0].Parameters.Count;
        message.Release();
        return count;
    }

    // The token before the first ';' (Event package, Subscription-State value), as sofia-sip splits them.
    private static ReadOnlySpan<byte> FirstToken(ReadOnlySpan<byte> value)
    {
        var semi = value.IndexOf((byte)';');
        return semi < 0 ? value : value[..semi];
    }
}
