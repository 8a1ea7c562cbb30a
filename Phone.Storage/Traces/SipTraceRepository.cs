using Phone.SipCore.Transport;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Dapper;
using Phone.Storage.Internal;

namespace Phone.Storage.Traces;

/// <summary>
/// The SIP message trace, bounded to <see cref="StorageOptions.SipTraceCapacity"/> messages
/// in total; each append drops the oldest beyond the bound in the same transaction.
/// </summary>
public sealed class SipTraceRepository(PhoneDatabase database, StorageOptions options)
{
    // Shared with the storage writer's prepared commands, so both paths store and trim alike.
    internal const string InsertSql = """
        INSERT INTO sip_trace (time, line, direction, remote, local, first_line, text)
        VALUES (@Time, @Line, @Direction, @RemoteEndpoint, @LocalEndpoint, @FirstLine, @Text)
        """;

    /// <summary>
    /// Drops the messages beyond the newest <c>@Capacity</c>. The ids are AUTOINCREMENT and only
    /// the oldest rows are ever deleted, so the live ids are contiguous and the bound is id
    /// arithmetic: one index probe for max(id). Walking <c>OFFSET @Capacity</c> rows instead read
    /// the whole table (about 4 MB at 5,000 messages, more than SQLite's page cache) back from
    /// disk on every batch: 18 % of the phone's CPU in a 1,000 NOTIFY/s storm (docs/performance.md).
    /// </summary>
    internal const string TrimSql = """
        DELETE FROM sip_trace WHERE id <= (SELECT max(id) FROM sip_trace) - @Capacity;
        """;

    public int Capacity => options.SipTraceCapacity;

    public Task<SipTraceEntry> AppendAsync(SipTraceEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>(InsertSql + " RETURNING id;",
            new { entry.Time, entry.Line, Direction = entry.Direction.ToString(), entry.RemoteEndpoint, entry.LocalEndpoint, entry.FirstLine, entry.Text },
            transaction);
        connection.Execute(TrimSql, new { Capacity = options.SipTraceCapacity }, transaction);
        transaction.Commit();
        return Task.FromResult(entry with { Id = id });
    }

    /// <summary>The newest <paramref name="count"/> messages, newest first; all lines when <paramref name="line"/> is null.</summary>
    public Task<IReadOnlyList<SipTraceEntry>> GetRecentAsync(int? line, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        IReadOnlyList<SipTraceEntry> entries = connection.Query<Row>("""
            SELECT id AS Id, time AS Time, line AS Line, direction AS Direction, remote AS RemoteEndpoint,
                   local AS LocalEndpoint, first_line AS FirstLine, text AS Text
            FROM sip_trace WHERE @line IS NULL OR line = @line ORDER BY id DESC LIMIT @count;
            """, new { line, count }).Select(r => r.ToEntry()).ToList();
        return Task.FromResult(entries);
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public DateTimeOffset Time { get; set; }
        public long? Line { get; set; }
        public string Direction { get; set; } = "";
        public string RemoteEndpoint { get; set; } = "";
        public string LocalEndpoint { get; set; } = "";
        public string FirstLine { get; set; } = "";
        public string Text { get; set; } = "";

        // Rows are redacted when written (StorageEventSink); redacting again on the way out covers
        // rows a version before that stored, until the bounded trace has rolled them off.
        public SipTraceEntry ToEntry() => new(
            Time, (int?)Line, EnumText.Parse<SipTraceDirection>(Direction, "sip_trace.direction"), RemoteEndpoint, FirstLine,
            CredentialRedactor.Redact(Text))
        { Id = Id, LocalEndpoint = LocalEndpoint };
    }
}
