using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;
using Phone.Storage.Events;
using Phone.Storage.Features;
using Phone.SipCore.SyncLog;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Tests;

/// <summary>What the SIP core reports reaches the database, and a restart shows it.</summary>
public sealed class StorageEventSinkTests
{
    // Only a safety net: a regression fails the test instead of hanging it. What the tests
    // assert are conditions (e.g. "while the write lock is still held"), never durations.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Feature_states_log_lines_and_traces_are_stored()
    {
        await using var storage = await TestStorage.StartAsync();
        var sink = storage.Get<StorageEventSink>();
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var remote = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));

        sink.FeatureStateChanged(3, new FeatureState(FeatureKind.Dnd, true, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, at));
        var reported = SyncLogEvent.About(SyncLogCode.FeatureReported, FeatureKind.Dnd, new FeatureValue(true));
        sink.SyncLog(3, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success, reported);
        sink.SipTrace(3, SipTraceDirection.In, remote, Encoding.UTF8.GetBytes("NOTIFY sip:2001@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\n"));
        await sink.FlushAsync();

        var state = await storage.Get<FeatureStateRepository>().GetAsync(3);
        Assert.True(state.Dnd.Enabled);
        Assert.Equal(FeatureStanding.Confirmed, state.Dnd.Standing);
        var log = Assert.Single(await storage.Get<SyncLogRepository>().GetRecentAsync(3, 10));
        Assert.Equal(reported, log.Event);
        Assert.Equal("FeatureReported Dnd on", log.Text);
        var trace = Assert.Single(await storage.Get<SipTraceRepository>().GetRecentAsync(3, 10));
        Assert.Equal("NOTIFY sip:2001@127.0.0.1 SIP/2.0", trace.FirstLine);
        Assert.Equal(SipTraceDirection.In, trace.Direction);
        Assert.Equal("UDP:127.0.0.1:5070", trace.RemoteEndpoint);
    }

    [Fact]
    public async Task Feature_states_reported_while_the_disk_is_stuck_return_at_once_and_the_newest_are_stored_after()
    {
        await using var storage = await TestStorage.StartAsync();
        var sink = storage.Get<StorageEventSink>();
        var stored = storage.Get<FeatureStateRepository>();
        IReadOnlyDictionary<(int, FeatureKind), FeatureState> newest;
        Task flush;
        using (var writeLock = ExclusiveWriteLock.Take(storage.Database))
        {
            // Twice the old queue's capacity, from one thread as a line's work queue would
            // report them. Awaited here, inside the lock: every call has returned while the
            // writer cannot store anything.
            newest = await Task.Run(() => Report(sink, 20_000, lines: 16)).WaitAsync(Bound);

            // The writer is still stuck: nothing reported is stored yet, so a flush waits.
            Assert.All(await stored.GetAllAsync(), line => Assert.All(line.All, f => Assert.Null(f.Detail)));
            flush = sink.FlushAsync();
            Assert.False(flush.IsCompleted);
            writeLock.Release();
        }

        await flush.WaitAsync(Bound);

        await AssertStoredAsync(stored, newest);
        Assert.Equal(0, sink.DroppedCount);
    }

    [Fact]
    public async Task Only_the_newest_of_many_states_per_feature_is_left_stored()
    {
        await using var storage = await TestStorage.StartAsync();
        var sink = storage.Get<StorageEventSink>();

        // The writer stores while the reports come in, so some older states reach the disk
        // first; none may land after a newer one of the same feature.
        var newest = Report(sink, 6_400, lines: 4);
        await sink.FlushAsync().WaitAsync(Bound);

        await AssertStoredAsync(storage.Get<FeatureStateRepository>(), newest);
    }

    [Fact]
    public async Task Trace_rows_beyond_the_queue_are_dropped_and_counted_while_the_disk_is_stuck()
    {
        await using var storage = await TestStorage.StartAsync();
        var sink = storage.Get<StorageEventSink>();
        var remote = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
        var message = Encoding.UTF8.GetBytes("OPTIONS sip:2001@127.0.0.1 SIP/2.0\r\n\r\n");
        const int Extra = 500;
        using (var writeLock = ExclusiveWriteLock.Take(storage.Database))
        {
            await Task.Run(() =>
            {
                for (var i = 0; i < StorageEventSink.Capacity + Extra; i++)
                {
                    sink.SipTrace(1, SipTraceDirection.Out, remote, message);
                }
            }).WaitAsync(Bound);

            // The writer may hold one row it took before it got stuck; the queue holds the rest.
            Assert.InRange(sink.DroppedCount, Extra - 1, Extra);
            writeLock.Release();
        }

        await sink.FlushAsync().WaitAsync(Bound);
        Assert.NotEmpty(await storage.Get<SipTraceRepository>().GetRecentAsync(1, 1));
    }

    [Fact]
    public async Task Dispose_stores_the_feature_states_still_pending()
    {
        await using var storage = await TestStorage.StartAsync();
        var stored = storage.Get<FeatureStateRepository>();
        var sink = new StorageEventSink(storage.Get<SyncLogRepository>(), storage.Get<SipTraceRepository>(), stored,
            TimeProvider.System, NullLogger<StorageEventSink>.Instance);
        IReadOnlyDictionary<(int, FeatureKind), FeatureState> newest;
        Task disposing;
        using (var writeLock = ExclusiveWriteLock.Take(storage.Database))
        {
            newest = Report(sink, 640, lines: 16);
            disposing = sink.DisposeAsync().AsTask();
            Assert.False(disposing.IsCompleted);
            writeLock.Release();
        }

        await disposing.WaitAsync(Bound);

        await AssertStoredAsync(stored, newest);
    }

    /// <summary>
    /// Reports <paramref name="count"/> states spread over every feature of lines 1..<paramref name="lines"/>
    /// and returns the last one reported for each feature.
    /// </summary>
    private static Dictionary<(int, FeatureKind), FeatureState> Report(ILineEventSink sink, int count, int lines)
    {
        var newest = new Dictionary<(int, FeatureKind), FeatureState>();
        var kinds = Enum.GetValues<FeatureKind>();
        for (var i = 0; i < count; i++)
        {
            var line = i % lines + 1;
            var state = StateNumber(kinds[i / lines % kinds.Length], i);
            sink.FeatureStateChanged(line, state);
            newest[(line, state.Kind)] = state;
        }
        return newest;
    }

    private static FeatureState StateNumber(FeatureKind kind, int sequence) => new(
        kind,
        sequence % 2 == 0,
        kind == FeatureKind.Dnd ? null : "2" + sequence.ToString("D5", CultureInfo.InvariantCulture),
        kind == FeatureKind.ForwardNoAnswer ? sequence % 21 : null,
        FeatureStanding.Confirmed,
        FeatureOrigin.Server,
        At.AddMilliseconds(sequence),
        $"report {sequence}");

    private static async Task AssertStoredAsync(FeatureStateRepository stored,
        IReadOnlyDictionary<(int, FeatureKind), FeatureState> newest)
    {
        foreach (var ((line, kind), state) in newest)
        {
            Assert.Equal(state, (await stored.GetAsync(line))[kind]);
        }
    }
}
