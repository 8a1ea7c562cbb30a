using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Configuration;
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
        var local = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060));

        sink.FeatureStateChanged(3, new FeatureState(FeatureKind.Dnd, true, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, at));
        var reported = SyncLogEvent.About(SyncLogCode.FeatureReported, FeatureKind.Dnd, new FeatureValue(true));
        sink.SyncLog(3, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success, reported);
        sink.SipTrace(3, SipTraceDirection.In, remote, local, Encoding.UTF8.GetBytes("NOTIFY sip:2001@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\n"));
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
        Assert.Equal("UDP:127.0.0.1:5060", trace.LocalEndpoint);
    }

    [Fact]
    public async Task A_sent_message_is_stored_as_sent_even_when_the_sender_reuses_its_buffer_before_the_commit()
    {
        // Received bytes are kept without a copy (the stack never writes them again); a sender's
        // buffer is only lent for the call, so what is stored must not follow later writes to it.
        await using var storage = await TestStorage.StartAsync();
        await using var sink = SinkOf(storage, new GroupCommitOptions { Window = TimeSpan.FromHours(1) });
        var remote = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
        var local = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060));
        var sent = Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nCall-ID: s\r\n\r\n");
        var received = Encoding.UTF8.GetBytes("NOTIFY sip:2001@127.0.0.1 SIP/2.0\r\nCall-ID: r\r\n\r\n");

        sink.SipTrace(4, SipTraceDirection.Out, remote, local, sent);
        sink.SipTrace(4, SipTraceDirection.In, remote, local, received);
        Encoding.UTF8.GetBytes("XXX/9.9 999 XX").CopyTo(sent, 0); // the sender's next message
        await sink.FlushAsync();

        var rows = (await storage.Get<SipTraceRepository>().GetRecentAsync(4, 10)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("NOTIFY sip:2001@127.0.0.1 SIP/2.0\r\nCall-ID: r\r\n\r\n", rows.Single(r => r.Direction == SipTraceDirection.In).Text);
        Assert.Equal("SIP/2.0 200 OK\r\nCall-ID: s\r\n\r\n", rows.Single(r => r.Direction == SipTraceDirection.Out).Text);
        Assert.Equal("SIP/2.0 200 OK", rows.Single(r => r.Direction == SipTraceDirection.Out).FirstLine);
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
        const int Capacity = 1_000;
        const int Extra = 500;
        await using var storage = await TestStorage.StartAsync();
        // A window no test outlasts: batches are taken only when asked for, so the test knows what the writer holds.
        await using var sink = SinkOf(storage, new GroupCommitOptions { QueueCapacity = Capacity, Window = TimeSpan.FromHours(1) });
        var remote = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
        var message = Encoding.UTF8.GetBytes("OPTIONS sip:2001@127.0.0.1 SIP/2.0\r\n\r\n");
        Task first;
        using (var writeLock = ExclusiveWriteLock.Take(storage.Database))
        {
            // The writer takes this one row and gets stuck beginning its transaction.
            sink.SipTrace(1, SipTraceDirection.Out, remote, remote, message);
            first = sink.WhenCommittedAsync();
            await Task.Run(async () =>
            {
                while (sink.QueuedRows > 0)
                {
                    await Task.Delay(5);
                }
            }).WaitAsync(Bound);

            await Task.Run(() =>
            {
                for (var i = 0; i < Capacity + Extra; i++)
                {
                    sink.SipTrace(1, SipTraceDirection.Out, remote, remote, message);
                }
            }).WaitAsync(Bound);

            // Memory stays bounded: the queue holds its capacity, the rest was refused and counted.
            Assert.Equal(Capacity, sink.QueuedRows);
            Assert.Equal(Extra, sink.DroppedCount);
            Assert.False(first.IsCompleted);
            writeLock.Release();
        }

        await first.WaitAsync(Bound);
        await sink.FlushAsync().WaitAsync(Bound);
        using var connection = storage.Database.Open();
        Assert.Equal(1 + Capacity, connection.ExecuteScalar<long>("SELECT count(*) FROM sip_trace;"));
    }

    [Fact]
    public async Task Dispose_stores_the_feature_states_still_pending()
    {
        await using var storage = await TestStorage.StartAsync();
        var stored = storage.Get<FeatureStateRepository>();
        var sink = SinkOf(storage, new GroupCommitOptions());
        IReadOnlyDictionary<(int, FeatureKind), FeatureState> newest;
        Task waiting;
        Task disposing;
        using (var writeLock = ExclusiveWriteLock.Take(storage.Database))
        {
            newest = Report(sink, 640, lines: 16);
            waiting = sink.WhenCommittedAsync();
            disposing = sink.DisposeAsync().AsTask();
            Assert.False(disposing.IsCompleted);
            Assert.False(waiting.IsCompleted);
            writeLock.Release();
        }

        await disposing.WaitAsync(Bound);

        // The caller that waited before the dispose sees its commit; one that comes after is told the writer stopped.
        await waiting.WaitAsync(Bound);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sink.WhenCommittedAsync());
        await AssertStoredAsync(stored, newest);
    }

    /// <summary>A sink built by hand on the test's database, for options the host does not set.</summary>
    internal static StorageEventSink SinkOf(TestStorage storage, GroupCommitOptions options) => new(storage.Database,
        storage.Get<StorageOptions>(), storage.Get<FeatureStateValidator>(), storage.Get<StorageMetrics>(), TimeProvider.System,
        NullLogger<StorageEventSink>.Instance, options);

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
