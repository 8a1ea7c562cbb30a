using Phone.SipCore.Transport;
using Phone.SipCore.Lines;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Tests;

public sealed class LogAndTraceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private TestStorage _storage = null!;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync(new Dictionary<string, string?>
    {
        [StorageOptions.SyncLogCapacityKey] = "50",
        [StorageOptions.SipTraceCapacityKey] = "30",
    });

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Sync_log_round_trips_newest_first()
    {
        var log = _storage.Get<SyncLogRepository>();
        var first = await log.AppendAsync(new SyncLogEntry(At, 2, SyncLogKind.Subscription, FeatureOrigin.Server, SyncOutcome.Failed, "489 Bad Event"));
        var second = await log.AppendAsync(new SyncLogEntry(At.AddSeconds(1), 2, SyncLogKind.Feature, FeatureOrigin.Web, SyncOutcome.Pending, "DND on"));

        var read = await log.GetRecentAsync(2, 10);

        Assert.Equal(new[] { second, first }, read);
        Assert.True(second.Id > first.Id);
        Assert.Empty(await log.GetRecentAsync(3, 10));
    }

    [Fact]
    public async Task Sync_log_keeps_the_last_n_per_line_and_drops_the_oldest()
    {
        var log = _storage.Get<SyncLogRepository>();
        Assert.Equal(50, log.Capacity);
        await log.AppendAsync(new SyncLogEntry(At, 5, SyncLogKind.Call, FeatureOrigin.Phone, SyncOutcome.Info, "other line"));
        for (var i = 1; i <= 120; i++)
        {
            await log.AppendAsync(new SyncLogEntry(At.AddSeconds(i), 1, SyncLogKind.Registration, FeatureOrigin.Phone, SyncOutcome.Success, $"event {i}"));
        }

        var kept = await log.GetRecentAsync(1, 1000);

        Assert.Equal(50, kept.Count);
        Assert.Equal(Enumerable.Range(71, 50).Reverse().Select(i => $"event {i}"), kept.Select(e => e.Text));
        Assert.Equal(1, await log.CountAsync(5));
    }

    [Fact]
    public void Sync_log_capacity_defaults_to_2000() => Assert.Equal(2000, new StorageOptions().SyncLogCapacity);

    [Fact]
    public async Task Sip_trace_round_trips_and_is_bounded()
    {
        var trace = _storage.Get<SipTraceRepository>();
        var message = "SUBSCRIBE sip:2001@as.example.com SIP/2.0\r\nEvent: as-feature-event\r\nContent-Length: 0\r\n\r\n";
        var stored = await trace.AppendAsync(new SipTraceEntry(At, 1, SipTraceDirection.Out, "192.0.2.1:5060",
            "SUBSCRIBE sip:2001@as.example.com SIP/2.0", message));
        Assert.Equal(stored, Assert.Single(await trace.GetRecentAsync(1, 10)));

        for (var i = 0; i < 40; i++)
        {
            await trace.AppendAsync(new SipTraceEntry(At.AddSeconds(i), i % 2 == 0 ? null : 2, SipTraceDirection.In,
                "[2001:db8::1]:5060", $"NOTIFY {i}", $"NOTIFY {i}"));
        }

        var all = await trace.GetRecentAsync(null, 1000);
        Assert.Equal(30, all.Count);
        Assert.Equal("NOTIFY 39", all[0].FirstLine);
        Assert.Equal("NOTIFY 10", all[^1].FirstLine);
        Assert.Empty(await trace.GetRecentAsync(1, 10));
        Assert.All(await trace.GetRecentAsync(2, 100), e => Assert.Equal(2, e.Line));
    }
}
