using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.Storage.Events;
using Phone.Storage.Logs;

namespace Phone.Storage.Tests.Writer;

/// <summary>
/// The storage writer trims a line's sync log in steps (<see cref="SyncLogTrimSchedule"/>): a line
/// holds at most capacity + slack - 1 rows, is cut back to capacity when it reaches the slack and
/// at its first row on a new writer, and a read never returns more than it asked for.
/// </summary>
public sealed class WriterSyncLogTrimTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private const int Capacity = 160;
    private const int Slack = Capacity / 16;

    [Fact]
    public void The_slack_is_a_sixteenth_of_the_capacity_between_1_and_32()
    {
        Assert.Equal(Slack, new SyncLogTrimSchedule(Capacity).Slack);
        Assert.Equal(32, new SyncLogTrimSchedule(2000).Slack);
        Assert.Equal(1, new SyncLogTrimSchedule(1).Slack);
    }

    [Fact]
    public async Task A_line_stays_within_capacity_plus_slack_and_is_trimmed_back_to_capacity()
    {
        await using var storage = await TestStorage.StartAsync(new Dictionary<string, string?>
        {
            [StorageOptions.SyncLogCapacityKey] = Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var log = storage.Get<SyncLogRepository>();
        var sink = NewSink(storage);
        var written = 0;

        // The line's first rows on this writer: trimmed in the same batch, however many.
        for (var i = 0; i < Capacity + 40; i++)
        {
            Report(sink, 3, ++written);
        }
        Report(sink, 4, 1);
        await sink.WhenCommittedAsync().WaitAsync(Bound);
        Assert.Equal(Capacity, await log.CountAsync(3));

        // One row per batch: no trim until the line has gained the slack, then back to capacity.
        for (var step = 1; step < Slack; step++)
        {
            Report(sink, 3, ++written);
            await sink.WhenCommittedAsync().WaitAsync(Bound);
            Assert.Equal(Capacity + step, await log.CountAsync(3));
        }
        Report(sink, 3, ++written);
        await sink.WhenCommittedAsync().WaitAsync(Bound);
        Assert.Equal(Capacity, await log.CountAsync(3));
        Assert.Equal(1, await log.CountAsync(4));

        // A read asks for at most what it shows, and gets the newest.
        var recent = await log.GetRecentAsync(3, Capacity);
        Assert.Equal(Enumerable.Range(written - Capacity + 1, Capacity).Reverse().Select(Text), recent.Select(e => e.Text));

        // Over capacity when the writer stops; a new writer cuts the line back at its first row.
        for (var step = 1; step < Slack; step++)
        {
            Report(sink, 3, ++written);
        }
        await sink.WhenCommittedAsync().WaitAsync(Bound);
        Assert.Equal(Capacity + Slack - 1, await log.CountAsync(3));
        await sink.DisposeAsync();
        await using var restarted = NewSink(storage);
        Report(restarted, 3, ++written);
        await restarted.WhenCommittedAsync().WaitAsync(Bound);
        Assert.Equal(Capacity, await log.CountAsync(3));
        Assert.Equal(Text(written), (await log.GetRecentAsync(3, 1))[0].Text);
    }

    private static StorageEventSink NewSink(TestStorage storage) =>
        StorageEventSinkTests.SinkOf(storage, new GroupCommitOptions { Window = TimeSpan.FromHours(1), MaxRows = 1_000 });

    private static void Report(StorageEventSink sink, int line, int n) =>
        sink.SyncLog(line, SyncLogKind.Call, FeatureOrigin.Phone, SyncOutcome.Info,
            new SyncLogEvent(SyncLogCode.FeatureReported, [SyncLogArg.Text(n)]));

    private static string Text(int n) => $"FeatureReported {n}";
}
