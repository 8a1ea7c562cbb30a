using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transport;
using Phone.Storage;
using Phone.Storage.Events;

namespace Phone.Benchmarks;

/// <summary>
/// What the storage writer costs per NOTIFY: each NOTIFY the phone applies reports one feature
/// state, two trace rows (the NOTIFY in, the 200 out) and one sync log row to the event sink,
/// and the group-commit writer stores them (WAL, synchronous=FULL, a real file in the temp
/// folder). Besides BenchmarkDotNet's wall time and allocations per NOTIFY, the process CPU time
/// per NOTIFY (reporting thread plus writer) is printed at the end as "cpu-us-per-notify".
/// Numbers are reported in docs/performance.md, never asserted.
/// </summary>
[MemoryDiagnoser]
public class StorageWriterBenchmarks
{
    private const int Lines = 1000;
    private const int NotifiesPerInvoke = 1000;
    private const int MeasuredIterations = 20;

    private static readonly SipEndPoint Server = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060));

    private static readonly byte[] NotifyIn = Encoding.ASCII.GetBytes(
        "NOTIFY sip:2001@127.0.0.1:5060;line=k3f9a2q1 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-n-1;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:2001@as.example.com>;tag=as-1\r\n" +
        "To: <sip:2001@as.example.com>;tag=ph-1\r\n" +
        "Call-ID: sub-1@127.0.0.1\r\n" +
        "CSeq: 12 NOTIFY\r\n" +
        "Contact: <sip:as@127.0.0.1:5070>\r\n" +
        "Event: as-feature-event\r\n" +
        "Subscription-State: active;expires=3600\r\n" +
        "Content-Type: application/x-as-feature-event+xml\r\n" +
        "Content-Length: 232\r\n\r\n" +
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
        "<ForwardingEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\">\n" +
        "<device>2001</device><forwardingType>forwardImmediate</forwardingType>\n" +
        "<forwardStatus>true</forwardStatus><forwardTo>3000</forwardTo></ForwardingEvent>");

    private static readonly byte[] OkOut = Encoding.ASCII.GetBytes(
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-n-1;rport=5070\r\n" +
        "From: <sip:2001@as.example.com>;tag=as-1\r\n" +
        "To: <sip:2001@as.example.com>;tag=ph-1\r\n" +
        "Call-ID: sub-1@127.0.0.1\r\n" +
        "CSeq: 12 NOTIFY\r\n" +
        "Content-Length: 0\r\n\r\n");

    private static readonly FeatureKind[] Kinds = Enum.GetValues<FeatureKind>();

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "featuresync-bench-" + Guid.NewGuid().ToString("N"));
    private StorageEventSink _sink = null!;
    private BenchMeters _meters = null!;
    private int _sequence;
    // Per iteration, so the summary can leave out the pilot and warm-up iterations (JIT tiering).
    private readonly List<TimeSpan> _cpu = [];
    private TimeSpan _cpuAtStart;
    private string _what = "";

    [GlobalSetup]
    public async Task Setup()
    {
        var database = new PhoneDatabase(_directory);
        database.Initialize();
        _meters = new BenchMeters();
        _sink = new StorageEventSink(database, new StorageOptions { MaxLines = Lines }, new FeatureStateValidator(),
            new StorageMetrics(_meters), TimeProvider.System, NullLogger<StorageEventSink>.Instance);
        // The line rows exist before anything is measured, as in the phone (the writer creates a
        // missing one, with its contact token, which is not a NOTIFY's cost).
        for (var line = 1; line <= Lines; line++)
        {
            _sink.FeatureStateChanged(line, new FeatureState(FeatureKind.Dnd, false, null, null, FeatureStanding.Confirmed,
                FeatureOrigin.Server, DateTimeOffset.UtcNow));
        }
        await _sink.WhenCommittedAsync().WaitAsync(TimeSpan.FromMinutes(1));
    }

    [IterationSetup]
    public void StartCpuClock() => _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    [IterationCleanup]
    public void StopCpuClock()
    {
        _cpu.Add(Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart);
    }

    /// <summary>1,000 NOTIFYs' rows reported as lines report them, then awaited until committed.</summary>
    [Benchmark(OperationsPerInvoke = NotifiesPerInvoke)]
    public Task NotifyRows() => Report(traces: true, stateAndLog: true);

    /// <summary>Only the two trace rows of each NOTIFY: their share of <see cref="NotifyRows"/>.</summary>
    [Benchmark(OperationsPerInvoke = NotifiesPerInvoke)]
    public Task TraceRowsOnly() => Report(traces: true, stateAndLog: false);

    /// <summary>Only the feature state and the sync log row of each NOTIFY.</summary>
    [Benchmark(OperationsPerInvoke = NotifiesPerInvoke)]
    public Task StateAndLogOnly() => Report(traces: false, stateAndLog: true);

    private Task Report(bool traces, bool stateAndLog)
    {
        _what = traces ? stateAndLog ? nameof(NotifyRows) : nameof(TraceRowsOnly) : nameof(StateAndLogOnly);
        for (var i = 0; i < NotifiesPerInvoke; i++)
        {
            var n = Interlocked.Increment(ref _sequence);
            var line = n % Lines + 1;
            if (traces)
            {
                _sink.SipTrace(line, SipTraceDirection.In, Server, Phone, NotifyIn);
                _sink.SipTrace(line, SipTraceDirection.Out, Server, Phone, OkOut);
            }
            if (stateAndLog)
            {
                var kind = Kinds[n / Lines % Kinds.Length];
                _sink.FeatureStateChanged(line, new FeatureState(kind, true, kind == FeatureKind.Dnd ? null : "3000",
                    kind == FeatureKind.ForwardNoAnswer ? 4 : null, FeatureStanding.Confirmed, FeatureOrigin.Server, DateTimeOffset.UtcNow));
                _sink.SyncLog(line, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success,
                    SyncLogEvent.About(SyncLogCode.FeatureReported, kind, new FeatureValue(true, kind == FeatureKind.Dnd ? null : "3000")));
            }
        }
        return _sink.WhenCommittedAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _sink.DisposeAsync();
        _meters.Dispose();
        // The last MeasuredIterations iterations are the measured ones (run with --iterationCount 20).
        var measured = _cpu.Skip(Math.Max(0, _cpu.Count - MeasuredIterations)).Select(c => c.TotalMicroseconds / NotifiesPerInvoke).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu-us-per-notify {_what}: median {measured[measured.Count / 2]:F1}, mean {measured.Average():F1} over the last {measured.Count} iterations; dropped rows {_sink.DroppedCount}"));
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The storage meter without a host: the benchmark has no DI container.</summary>
    private sealed class BenchMeters : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _created.Add(meter);
            return meter;
        }

        public void Dispose() => _created.ForEach(m => m.Dispose());
    }
}
