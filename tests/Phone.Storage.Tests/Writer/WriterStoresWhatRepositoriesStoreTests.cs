using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transport;
using Phone.Storage.Events;
using Phone.Storage.Features;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Tests.Writer;

/// <summary>
/// The storage writer binds its values through SQLite's own API (<see cref="RawStatement"/>), the
/// repositories through Dapper and Microsoft.Data.Sqlite: the same rows written both ways must be
/// stored alike, value and SQLite type, column by column, and read back alike through the repositories.
/// </summary>
/// <remarks>
/// The time columns hold the same instant and offset but not the same text, as before the writer
/// used SQLite's API: the writer stores the ISO 8601 round-trip text ("O", as its Time helper always
/// did), while Dapper passes a DateTimeOffset parameter to Microsoft.Data.Sqlite, which writes
/// <c>yyyy-MM-dd HH:mm:ss.FFFFFFFzzz</c> (a space, trailing zeros dropped): DapperTypeHandlers'
/// SetValue is not called for it. Both read back the same; nothing orders or filters by that text.
/// </remarks>
public sealed class WriterStoresWhatRepositoriesStoreTests
{
    // A zone other than UTC: the stored time text keeps the offset, as Dapper's handler writes it.
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 1, 23, 30, 15, 123, TimeSpan.FromHours(8)).AddTicks(4567);

    private static readonly FeatureState[] States =
    [
        new(FeatureKind.Dnd, true, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, At),
        new(FeatureKind.ForwardNoAnswer, true, "sip:2001@pbx.example.com", 4, FeatureStanding.Pending, FeatureOrigin.Web, At.AddSeconds(1))
        { Detail = "服务器拒绝了更改（486 Busy Here）" },
        new(FeatureKind.ForwardBusy, false, null, null, FeatureStanding.Rejected, FeatureOrigin.Config, At.AddSeconds(2)) { Detail = "" },
        new(FeatureKind.ForwardAlways, true, "+8613800138000", 0, FeatureStanding.Confirmed, FeatureOrigin.Phone, At.AddSeconds(3)),
    ];

    private static readonly SyncLogEntry[] Log =
    [
        // Before schema 10: text only, code and args NULL.
        new(At, 3, SyncLogKind.Registration, FeatureOrigin.Phone, SyncOutcome.Failed, "注册失败：403 Forbidden"),
        Coded(new SyncLogEvent(SyncLogCode.FeatureReported, [SyncLogArg.Feature(FeatureKind.Dnd), SyncLogArg.Detail("前台 \"引号\" \\ 🎉")])),
        Coded(new SyncLogEvent(SyncLogCode.FeatureReported, [])),
    ];

    private static readonly SipTraceEntry[] Trace =
    [
        new SipTraceEntry(At, 3, SipTraceDirection.In, "UDP:192.0.2.1:5060", "NOTIFY sip:2001@192.0.2.10 SIP/2.0", LongMessage())
        { LocalEndpoint = "UDP:192.0.2.10:5060" },
        // A message no line claims (line NULL), from a row before schema 11 (no local end).
        new SipTraceEntry(At.AddSeconds(1), null, SipTraceDirection.Out, "TLS:[2001:db8::1]:5061", "SIP/2.0 200 OK", "SIP/2.0 200 OK\r\n\r\n"),
        new SipTraceEntry(At.AddSeconds(2), 3, SipTraceDirection.Out, "TCP:192.0.2.1:5060", "", ""),
    ];

    [Fact]
    public async Task Feature_states_log_and_trace_rows_are_stored_alike_by_both_paths()
    {
        await using var byRepositories = await TestStorage.StartAsync();
        await using var byWriter = await TestStorage.StartAsync();

        foreach (var state in States)
        {
            await byRepositories.Get<FeatureStateRepository>().SaveAsync(3, state);
        }
        foreach (var entry in Log)
        {
            await byRepositories.Get<SyncLogRepository>().AppendAsync(entry);
        }
        foreach (var entry in Trace)
        {
            await byRepositories.Get<SipTraceRepository>().AppendAsync(entry);
        }
        WriteThroughWriterStatements(byWriter);

        foreach (var (table, time, columns, order) in Tables)
        {
            var expected = Dump(byRepositories.Database, table, columns, order);
            Assert.Equal(table == "feature_state" ? States.Length : table == "sync_log" ? Log.Length : Trace.Length, expected.Count);
            Assert.Equal(expected, Dump(byWriter.Database, table, columns, order));
            var writerTimes = Times(byWriter.Database, table, time, order);
            Assert.Equal(Times(byRepositories.Database, table, time, order).Select(Instant), writerTimes.Select(Instant));
            Assert.Equal(At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), writerTimes[0]);
        }
        Assert.Equal(
            await byRepositories.Get<FeatureStateRepository>().GetAsync(3),
            await byWriter.Get<FeatureStateRepository>().GetAsync(3));
        Assert.Equal(
            await byRepositories.Get<SyncLogRepository>().GetRecentAsync(3, 10),
            await byWriter.Get<SyncLogRepository>().GetRecentAsync(3, 10));
        Assert.Equal(
            await byRepositories.Get<SipTraceRepository>().GetRecentAsync(null, 10),
            await byWriter.Get<SipTraceRepository>().GetRecentAsync(null, 10));
        // And the text came back as it went in, not merely alike on both sides.
        var trace = await byWriter.Get<SipTraceRepository>().GetRecentAsync(null, 10);
        Assert.Equal(LongMessage(), trace[^1].Text);
        Assert.Equal(At, (await byWriter.Get<SyncLogRepository>().GetRecentAsync(3, 10))[^1].Time);
    }

    [Fact]
    public async Task A_message_queued_from_the_wire_is_stored_as_the_repository_stores_its_decoded_redacted_text()
    {
        // The writer binds most messages' bytes as they are (TraceRow.FromWire); the rest, and what
        // the repository stores, go through Redact(UTF8.GetString(bytes)). Both must store the same.
        byte[][] messages =
        [
            Encoding.UTF8.GetBytes(LongMessage()),
            Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nSubject: 前台 🎉\r\nContent-Length: 0\r\n\r\n"),
            Encoding.UTF8.GetBytes("REGISTER sip:pbx SIP/2.0\r\nAUTHORIZATION: Digest username=\"2001\", nonce=\"abc\", response=\"0123\"\r\n\r\n"),
            [.. "OPTIONS sip:a SIP/2.0\r\nX-Bad: "u8, 0xC3, 0x28, 0xFF, .. "\r\n\r\n"u8], // not UTF-8: decoded with replacement characters
            Encoding.UTF8.GetBytes("no line end at all"),
            Encoding.UTF8.GetBytes("\r\r\n"),
            [],
        ];
        var remote = new SipEndPoint(SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.1"), 5060));
        var local = new SipEndPoint(SipTransportKind.Tcp, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.10"), 5062));
        await using var byRepository = await TestStorage.StartAsync();
        await using var byWriter = await TestStorage.StartAsync();
        var batch = new WriteBatch();
        for (var i = 0; i < messages.Length; i++)
        {
            var text = Phone.SipCore.Messages.CredentialRedactor.Redact(Encoding.UTF8.GetString(messages[i]));
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            await byRepository.Get<SipTraceRepository>().AppendAsync(new SipTraceEntry(At.AddSeconds(i), 3, SipTraceDirection.In,
                remote.ToString(), (end < 0 ? text : text[..end]).TrimEnd('\r'), text) { LocalEndpoint = local.ToString() });
            batch.Trace.Add(TraceRow.FromWire(At.AddSeconds(i), 3, SipTraceDirection.In, remote, local, messages[i]));
        }
        using (var connection = byWriter.Database.Open())
        {
            using var statements = new BatchStatements(connection, byWriter.Get<StorageOptions>(), new FeatureStateValidator());
            using var transaction = connection.BeginTransaction();
            statements.Write(batch, transaction);
            transaction.Commit();
        }

        var (table, _, columns, order) = Tables[2];
        Assert.Equal(Dump(byRepository.Database, table, columns, order), Dump(byWriter.Database, table, columns, order));
        // Most went as bytes; the credentials and the broken UTF-8 as redacted text.
        Assert.Equal([false, false, true, true, false, false, false], batch.Trace.Select(row => row.Text is not null));
        var stored = await byWriter.Get<SipTraceRepository>().GetRecentAsync(null, 10);
        Assert.Contains(stored, row => row.Text.Contains("response=\"\u2026\"", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, row => row.Text.Contains("0123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_statement_with_a_parameter_not_named_is_refused()
    {
        await using var storage = await TestStorage.StartAsync();
        using var connection = storage.Database.Open();

        Assert.Throws<ArgumentException>(() => new RawStatement(connection, SyncLogRepository.TrimSql, "@Line"));
        Assert.Throws<ArgumentException>(() => new RawStatement(connection, SyncLogRepository.TrimSql, "@Line", "@Capacity", "@Missing"));
        Assert.Throws<ArgumentException>(() => new RawStatement(connection, "SELECT 1; SELECT 2;"));
        Assert.Throws<SqliteException>(() => new RawStatement(connection, "INSERT INTO no_such_table VALUES (1);"));
    }

    private static readonly (string Table, string Time, string Columns, string Order)[] Tables =
    [
        ("feature_state", "changed_at", "line, kind, enabled, target, ring_count, standing, origin, detail", "changed_at"),
        ("sync_log", "time", "id, line, kind, origin, outcome, text, code, args", "id"),
        ("sip_trace", "time", "id, line, direction, remote, local, first_line, text", "id"),
    ];

    private static void WriteThroughWriterStatements(TestStorage storage)
    {
        var batch = new WriteBatch();
        foreach (var state in States)
        {
            batch.States[(3, state.Kind)] = state;
        }
        batch.Log.AddRange(Log);
        batch.Trace.AddRange(Trace.Select(TraceRow.From));
        using var connection = storage.Database.Open();
        using var statements = new BatchStatements(connection, storage.Get<StorageOptions>(), new FeatureStateValidator());
        using var transaction = connection.BeginTransaction();
        Assert.Equal(0, statements.Write(batch, transaction));
        transaction.Commit();
    }

    // Every column as SQLite's type and quoted value, so a NULL, an empty text and an integer stored as text all differ.
    private static List<string> Dump(PhoneDatabase database, string table, string columns, string order)
    {
        var cells = string.Join(" || '|' || ", columns.Split(", ").Select(c => $"typeof({c}) || ':' || quote({c})"));
        using var connection = database.Open();
        return connection.Query<string>($"SELECT {cells} FROM {table} ORDER BY {order};").AsList();
    }

    private static List<string> Times(PhoneDatabase database, string table, string time, string order)
    {
        using var connection = database.Open();
        return connection.Query<string>($"SELECT {time} FROM {table} ORDER BY {order};").AsList();
    }

    // The instant and the offset it was written with (DateTimeOffset equality compares the instant only).
    private static (DateTimeOffset, TimeSpan) Instant(string text)
    {
        var time = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return (time, time.Offset);
    }

    private static SyncLogEntry Coded(SyncLogEvent logEvent) =>
        new SyncLogEntry(At, 3, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success, logEvent.ToString()) { Event = logEvent };

    // About 100 KB, Chinese and emoji (surrogate pairs) included.
    private static string LongMessage()
    {
        var text = new StringBuilder("NOTIFY sip:2001@192.0.2.10 SIP/2.0\r\nContent-Type: text/plain;charset=utf-8\r\n\r\n");
        for (var i = 0; text.Length < 100_000; i++)
        {
            text.Append("第").Append(i).Append("行：呼叫转移到 1002 📞\r\n");
        }
        return text.ToString();
    }
}
