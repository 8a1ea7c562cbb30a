using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.Storage.Events;
using Phone.Storage.Features;

namespace Phone.Storage.Tests;

/// <summary>
/// The one storage writer commits what every line reports in few transactions, and a caller
/// awaiting a commit is released only once its change is on disk (or told it is not).
/// </summary>
public sealed class GroupCommitTests
{
    // Only a safety net against hangs; the tests assert conditions, never durations.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Rows_reported_concurrently_by_many_lines_are_committed_in_few_transactions()
    {
        const int Lines = 8;
        const int RowsPerLine = 500;
        await using var storage = await TestStorage.StartAsync();
        using var metrics = StorageMeasurements.Listen(storage);
        var sink = storage.Get<StorageEventSink>();

        // Each line reports from its own thread, as line work queues do.
        await Task.WhenAll(Enumerable.Range(1, Lines).Select(line => Task.Run(() =>
        {
            for (var i = 0; i < RowsPerLine; i++)
            {
                sink.SyncLog(line, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Info,
                    SyncLogEvent.Of(SyncLogCode.FeatureReported, SyncLogArg.Text(i)));
            }
        }))).WaitAsync(Bound);
        await sink.FlushAsync().WaitAsync(Bound);

        var batches = metrics.Values(StorageMetrics.BatchSizeName);
        Assert.Equal(Lines * RowsPerLine, batches.Sum());
        Assert.Equal(Lines * RowsPerLine, metrics.Sum(StorageMetrics.RowsWrittenName, "sync_log"));
        // One transaction per row would be 4,000; a batch holds up to 256 rows or 5 ms of reports.
        Assert.True(batches.Count * 10 <= Lines * RowsPerLine, $"{batches.Count} transactions for {Lines * RowsPerLine} rows");
        Assert.Equal(batches.Count, metrics.Values(StorageMetrics.CommitDurationName).Count);
        using var connection = storage.Database.Open();
        Assert.Equal(Lines * RowsPerLine, connection.ExecuteScalar<long>("SELECT count(*) FROM sync_log;"));
    }

    [Fact]
    public async Task A_batch_nobody_waits_for_is_left_to_the_os_and_one_a_caller_awaits_is_fsynced()
    {
        await using var storage = await TestStorage.StartAsync();
        using var metrics = StorageMeasurements.Listen(storage);
        var sink = storage.Get<StorageEventSink>();

        // Unpromised rows: committed by the window with synchronous=NORMAL.
        sink.SyncLog(1, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Info, SyncLogEvent.Of(SyncLogCode.FeatureReported));
        var deadline = DateTime.UtcNow + Bound;
        while (metrics.Tags(StorageMetrics.CommitDurationName).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Equal(["normal"], metrics.Tags(StorageMetrics.CommitDurationName));

        // A caller waits: that batch is fsynced (FULL), which also makes the earlier one durable.
        sink.FeatureStateChanged(1, new FeatureState(FeatureKind.Dnd, true, null, null, FeatureStanding.Pending, FeatureOrigin.Web, At));
        await sink.WhenCommittedAsync().WaitAsync(Bound);
        Assert.Equal(["normal", "full"], metrics.Tags(StorageMetrics.CommitDurationName));
        using var connection = storage.Database.Open();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM sync_log;"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM feature_state WHERE line = 1 AND kind = 'Dnd' AND enabled = 1;"));
    }

    [Fact]
    public async Task An_awaited_commit_is_already_visible_to_another_connection_on_the_file()
    {
        await using var storage = await TestStorage.StartAsync();
        var sink = storage.Get<StorageEventSink>();
        // Not from the pool: a fresh handle on the file, as another process would open it.
        using var reader = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = storage.Database.FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        reader.Open();

        for (var i = 1; i <= 50; i++)
        {
            var target = "3" + i.ToString("D4", CultureInfo.InvariantCulture);
            sink.FeatureStateChanged(2, Forward(target));
            await sink.WhenCommittedAsync().WaitAsync(Bound);
            Assert.Equal(target, reader.ExecuteScalar<string>("SELECT target FROM feature_state WHERE line = 2 AND kind = 'ForwardAlways';"));
        }
    }

    [Fact]
    public async Task An_awaited_commit_waits_while_the_database_cannot_be_written()
    {
        await using var storage = await TestStorage.StartAsync();
        var sink = storage.Get<StorageEventSink>();
        Task committed;
        using (var writeLock = ExclusiveWriteLock.Take(storage.Database))
        {
            sink.FeatureStateChanged(3, Forward("24242"));
            sink.SyncLog(3, SyncLogKind.Feature, FeatureOrigin.Web, SyncOutcome.Success,
            SyncLogEvent.About(SyncLogCode.FeatureReported, FeatureKind.ForwardAlways, FeatureValue.Of(Forward("24242"))));
            committed = sink.WhenCommittedAsync();
            // The writer has taken the batch (the queue is empty) but cannot begin the transaction:
            // nobody may be told "stored".
            var taken = Task.Run(async () =>
            {
                while (sink.QueuedRows > 0)
                {
                    await Task.Delay(5);
                }
            });
            await taken.WaitAsync(Bound);
            Assert.False(committed.IsCompleted);
            writeLock.Release();
        }

        await committed.WaitAsync(Bound);
        Assert.Equal("24242", (await storage.Get<FeatureStateRepository>().GetAsync(3)).ForwardAlways.Target);
    }

    [Fact]
    public async Task A_failed_commit_faults_its_waiters_and_the_feature_state_is_stored_by_a_later_batch()
    {
        await using var storage = await TestStorage.StartAsync();
        using var metrics = StorageMeasurements.Listen(storage);
        // A window no test outlasts: the only batch is the one the waiter asks for, so it holds both rows.
        await using var sink = StorageEventSinkTests.SinkOf(storage, new GroupCommitOptions
        {
            Window = TimeSpan.FromHours(1),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        using var admin = storage.Database.Open();
        // The log table disappears under the writer: its insert fails and the whole transaction with it.
        admin.Execute("ALTER TABLE sync_log RENAME TO sync_log_away;");

        sink.FeatureStateChanged(4, Forward("25252"));
        sink.SyncLog(4, SyncLogKind.Feature, FeatureOrigin.Web, SyncOutcome.Success,
            SyncLogEvent.About(SyncLogCode.FeatureReported, FeatureKind.ForwardAlways, FeatureValue.Of(Forward("25252"))));
        var failure = await Assert.ThrowsAsync<StorageWriteException>(() => sink.WhenCommittedAsync().WaitAsync(Bound));
        Assert.Contains("sync_log", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum(StorageMetrics.CommitFailuresName));

        admin.Execute("ALTER TABLE sync_log_away RENAME TO sync_log;");
        await sink.WhenCommittedAsync().WaitAsync(Bound);

        // The feature state was put back and committed with the next batch; the log row was dropped and counted.
        Assert.Equal("25252", (await storage.Get<FeatureStateRepository>().GetAsync(4)).ForwardAlways.Target);
        Assert.Equal(1, sink.DroppedCount);
        Assert.Equal(1, metrics.Sum(StorageMetrics.RowsDroppedName, "sync_log"));
    }

    [Fact]
    public async Task Batch_size_commit_time_and_rows_written_and_dropped_reach_a_meter_listener()
    {
        await using var storage = await TestStorage.StartAsync();
        using var metrics = StorageMeasurements.Listen(storage);
        await using var sink = StorageEventSinkTests.SinkOf(storage, new GroupCommitOptions
        {
            Window = TimeSpan.FromHours(1),
            QueueCapacity = 3,
        });

        sink.FeatureStateChanged(1, Forward("26262"));
        sink.SyncLog(1, SyncLogKind.Feature, FeatureOrigin.Web, SyncOutcome.Success,
            SyncLogEvent.About(SyncLogCode.FeatureReported, FeatureKind.ForwardAlways, FeatureValue.Of(Forward("26262"))));
        for (var i = 0; i < 4; i++)
        {
            var remote = new Phone.SipCore.Transport.SipEndPoint(Phone.SipCore.Transport.SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5070));
            sink.SipTrace(1, Phone.SipCore.Transport.SipTraceDirection.In, remote, remote,
                "NOTIFY sip:2001@127.0.0.1 SIP/2.0\r\n\r\n"u8.ToArray());
        }
        await sink.WhenCommittedAsync().WaitAsync(Bound);

        // Queue of 3: the log row and two traces were taken, two traces were refused.
        Assert.Equal([4], metrics.Values(StorageMetrics.BatchSizeName));
        Assert.True(Assert.Single(metrics.Values(StorageMetrics.CommitDurationName)) > 0);
        Assert.Equal(1, metrics.Sum(StorageMetrics.RowsWrittenName, "feature_state"));
        Assert.Equal(1, metrics.Sum(StorageMetrics.RowsWrittenName, "sync_log"));
        Assert.Equal(2, metrics.Sum(StorageMetrics.RowsWrittenName, "sip_trace"));
        Assert.Equal(2, metrics.Sum(StorageMetrics.RowsDroppedName, "sip_trace"));
    }

    private static FeatureState Forward(string target) =>
        new(FeatureKind.ForwardAlways, true, target, null, FeatureStanding.Local, FeatureOrigin.Web, At, "executed by the phone");

    /// <summary>What the instruments of one test host's storage meter recorded (other tests' hosts are ignored).</summary>
    private sealed class StorageMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, string? Table)> _seen = new();

        private StorageMeasurements(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StorageMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
            _listener.Start();
        }

        public static StorageMeasurements Listen(TestStorage storage) =>
            new(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IMeterFactory>(storage.Services));

        public List<double> Values(string name) => _seen.Where(m => m.Name == name).Select(m => m.Value).ToList();

        /// <summary>The table or synchronous tag of each measurement of <paramref name="name"/>.</summary>
        public List<string?> Tags(string name) => _seen.Where(m => m.Name == name).Select(m => m.Table).ToList();

        public double Sum(string name, string? table = null) =>
            _seen.Where(m => m.Name == name && (table is null || m.Table == table)).Sum(m => m.Value);

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? table = null;
            foreach (var tag in tags)
            {
                if (tag.Key is StorageMetrics.TableTag or StorageMetrics.SynchronousTag)
                {
                    table = tag.Value as string;
                }
            }
            _seen.Enqueue((instrument.Name, value, table));
        }

        public void Dispose() => _listener.Dispose();
    }
}
