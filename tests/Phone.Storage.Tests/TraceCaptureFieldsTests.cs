using Dapper;
using Phone.SipCore.Transport;
using Phone.Storage.Traces;

namespace Phone.Storage.Tests;

/// <summary>What a capture needs from the trace: both ends of each message and its time to the tick.</summary>
public sealed class TraceCaptureFieldsTests : IDisposable
{
    private readonly string _directory = TestStorage.NewDirectory();

    public void Dispose() => TestStorage.DeleteDirectory(_directory);

    [Fact]
    public async Task The_local_end_and_a_sub_millisecond_time_round_trip()
    {
        await using var storage = await TestStorage.StartAsync();
        var at = new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
        var entry = new SipTraceEntry(at, 1, SipTraceDirection.Out, "TCP:[2001:db8::1]:5060", "OPTIONS sip:a SIP/2.0", "OPTIONS sip:a SIP/2.0\r\n\r\n")
        {
            LocalEndpoint = "TCP:[2001:db8::9]:40123",
        };

        await storage.Get<SipTraceRepository>().AppendAsync(entry);

        var read = Assert.Single(await storage.Get<SipTraceRepository>().GetRecentAsync(1, 10));
        Assert.Equal(at, read.Time);
        Assert.Equal("TCP:[2001:db8::9]:40123", read.LocalEndpoint);
        Assert.Equal("TCP:[2001:db8::1]:5060", read.RemoteEndpoint);
    }

    [Fact]
    public void A_trace_row_from_version_10_migrates_with_an_empty_local_end()
    {
        var database = new PhoneDatabase(_directory);
        using (var connection = database.Open())
        {
            SchemaMigrator.Migrate(connection, 10);
            connection.Execute("""
                INSERT INTO sip_trace (time, line, direction, remote, first_line, text)
                VALUES ('2026-01-01T00:00:00.0000000+00:00', 1, 'In', 'UDP:192.0.2.1:5060', 'SIP/2.0 200 OK', 'SIP/2.0 200 OK');
                """);
        }

        Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());

        using var migrated = database.Open();
        Assert.Equal("", migrated.ExecuteScalar<string>("SELECT local FROM sip_trace WHERE first_line = 'SIP/2.0 200 OK';"));
    }
}
