using Phone.SipCore.Lines;
using Dapper;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.SyncLog;
using Phone.Storage.Internal;

namespace Phone.Storage.Logs;

/// <summary>
/// The per-line sync log, bounded to <see cref="StorageOptions.SyncLogCapacity"/> events per
/// line: each append drops the oldest beyond the bound in the same transaction, so the
/// file cannot grow without limit on a line that fails every minute. The storage writer, which
/// stores most rows, trims in steps (<see cref="Events.SyncLogTrimSchedule"/>): a line may hold up
/// to a few dozen rows more than the capacity between its trims; every read asks for a count.
/// </summary>
public sealed class SyncLogRepository(PhoneDatabase database, StorageOptions options)
{
    // Shared with the storage writer's prepared commands, so both paths store and trim alike.
    internal const string InsertSql = """
        INSERT INTO sync_log (time, line, kind, origin, outcome, text, code, args)
        VALUES (@Time, @Line, @Kind, @Origin, @Outcome, @Text, @Code, @Args)
        """;

    /// <summary>Drops line <c>@Line</c>'s events beyond the newest <c>@Capacity</c>.</summary>
    internal const string TrimSql = """
        DELETE FROM sync_log WHERE line = @Line AND id <=
            (SELECT id FROM sync_log WHERE line = @Line ORDER BY id DESC LIMIT 1 OFFSET @Capacity);
        """;

    public int Capacity => options.SyncLogCapacity;

    /// <summary>Stores the entry and returns it with its id.</summary>
    public Task<SyncLogEntry> AppendAsync(SyncLogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>(InsertSql + " RETURNING id;",
            new
            {
                entry.Time,
                entry.Line,
                Kind = entry.Kind.ToString(),
                Origin = entry.Origin.ToString(),
                Outcome = entry.Outcome.ToString(),
                entry.Text,
                Code = entry.Event?.Code.ToString(),
                Args = entry.Event is { } logEvent ? SyncLogArgsJson.Write(logEvent.Args) : null,
            }, transaction);
        connection.Execute(TrimSql, new { entry.Line, Capacity = options.SyncLogCapacity }, transaction);
        transaction.Commit();
        return Task.FromResult(entry with { Id = id });
    }

    /// <summary>The line's newest <paramref name="count"/> events, newest first.</summary>
    public Task<IReadOnlyList<SyncLogEntry>> GetRecentAsync(int line, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        IReadOnlyList<SyncLogEntry> entries = connection.Query<Row>("""
            SELECT id AS Id, time AS Time, line AS Line, kind AS Kind, origin AS Origin, outcome AS Outcome, text AS Text,
                code AS Code, args AS Args
            FROM sync_log WHERE line = @line ORDER BY id DESC LIMIT @count;
            """, new { line, count }).Select(r => r.ToEntry()).ToList();
        return Task.FromResult(entries);
    }

    public Task<int> CountAsync(int line, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult((int)connection.ExecuteScalar<long>("SELECT count(*) FROM sync_log WHERE line = @line;", new { line }));
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public DateTimeOffset Time { get; set; }
        public long Line { get; set; }
        public string Kind { get; set; } = "";
        public string Origin { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string Text { get; set; } = "";
        public string? Code { get; set; }
        public string? Args { get; set; }

        public SyncLogEntry ToEntry() => new(
            Time,
            (int)Line,
            EnumText.Parse<SyncLogKind>(Kind, "sync_log.kind"),
            EnumText.Parse<FeatureOrigin>(Origin, "sync_log.origin"),
            EnumText.Parse<SyncOutcome>(Outcome, "sync_log.outcome"),
            Text)
        { Id = Id, Event = ReadEvent() };

        /// <summary>
        /// Null for rows from before schema 10, and for a code this build does not know (a row
        /// another version wrote): those show their stored text rather than fail the whole page.
        /// </summary>
        private SyncLogEvent? ReadEvent() =>
            Code is not null && Enum.TryParse<SyncLogCode>(Code, out var code) && Enum.IsDefined(code)
                ? new SyncLogEvent(code, Args is null ? [] : SyncLogArgsJson.Read(Args))
                : null;
    }
}
