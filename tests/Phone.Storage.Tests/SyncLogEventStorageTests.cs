using Dapper;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.Storage.Logs;

namespace Phone.Storage.Tests;

/// <summary>Schema 10: the sync log keeps each event's code and arguments; older rows keep their text.</summary>
public sealed class SyncLogEventStorageTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = TestStorage.NewDirectory();

    public void Dispose() => TestStorage.DeleteDirectory(_directory);

    [Fact]
    public async Task An_event_round_trips_with_its_code_and_every_kind_of_argument()
    {
        var database = new PhoneDatabase(_directory);
        database.Initialize();
        var log = new SyncLogRepository(database, new StorageOptions());
        var logEvent = SyncLogEvent.About(SyncLogCode.FeatureNotDone, FeatureKind.ForwardNoAnswer, new FeatureValue(true, "sip:a|b@pbx.test", 3),
            SyncLogArg.Standing(FeatureStanding.NotConfirmed), SyncLogArg.Origin(FeatureOrigin.Web), SyncLogArg.Text("\"quoted\" 中文"),
            SyncLogArg.Detail("no NOTIFY within 32 s"));

        await log.AppendAsync(new SyncLogEntry(At, 1, SyncLogKind.Feature, FeatureOrigin.Web, SyncOutcome.Failed, logEvent.ToString()) { Event = logEvent });

        var read = Assert.Single(await log.GetRecentAsync(1, 10));
        Assert.Equal(logEvent, read.Event);
        Assert.Equal("on|3|sip:a|b@pbx.test", read.Event!.Args[1].Value);
        using var connection = database.Open();
        Assert.Equal("FeatureNotDone", connection.ExecuteScalar<string>("SELECT code FROM sync_log;"));
        Assert.Contains("\"kind\":\"standing\"", connection.ExecuteScalar<string>("SELECT args FROM sync_log;"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_written_before_schema_10_keeps_its_text_and_has_no_event()
    {
        var database = new PhoneDatabase(_directory);
        using (var connection = database.Open())
        {
            Assert.Equal(9, SchemaMigrator.Migrate(connection, 9));
            connection.Execute("""
                INSERT INTO sync_log (time, line, kind, origin, outcome, text)
                VALUES ('2026-11-30T10:00:00.0000000+00:00', 1, 'Subscription', 'Server', 'Info', 'subscription WaitingForState: accepted; waiting for the first NOTIFY');
                """);
        }
        Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());

        var read = Assert.Single(await new SyncLogRepository(database, new StorageOptions()).GetRecentAsync(1, 10));

        Assert.Null(read.Event);
        Assert.Equal("subscription WaitingForState: accepted; waiting for the first NOTIFY", read.Text);
        Assert.Equal(SyncLogKind.Subscription, read.Kind);
    }

    [Fact]
    public async Task A_code_this_build_does_not_know_shows_the_stored_text()
    {
        var database = new PhoneDatabase(_directory);
        database.Initialize();
        using (var connection = database.Open())
        {
            connection.Execute("""
                INSERT INTO sync_log (time, line, kind, origin, outcome, text, code, args)
                VALUES ('2026-11-30T10:00:00.0000000+00:00', 2, 'Feature', 'Server', 'Info', 'SomethingNew 1', 'SomethingNew', '[]');
                """);
        }

        var read = Assert.Single(await new SyncLogRepository(database, new StorageOptions()).GetRecentAsync(2, 10));

        Assert.Null(read.Event);
        Assert.Equal("SomethingNew 1", read.Text);
    }
}
