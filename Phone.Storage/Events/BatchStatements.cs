using Microsoft.Data.Sqlite;
using Phone.SipCore.Configuration;
using Phone.Storage.Features;
using Phone.Storage.Lines;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Events;

/// <summary>
/// The storage writer's statements, prepared once on its connection (<see cref="RawStatement"/>),
/// and how one <see cref="WriteBatch"/> is written with them inside the caller's transaction. The
/// SQL is the repositories' own (<see cref="FeatureStateRepository.UpsertSql"/>, ...) and the values
/// are bound as Dapper binds them, so both paths store the same rows; what differs is that the trace
/// is trimmed once per batch and the log in steps (<see cref="SyncLogTrimSchedule"/>), not per row,
/// and that a line row is made sure of once per connection, not before every state.
/// </summary>
internal sealed class BatchStatements : IDisposable
{
    // SQLITE_CONSTRAINT_FOREIGNKEY: the state's line row is missing.
    private const int ForeignKeyConstraint = 787;

    private readonly SqliteConnection _connection;
    private readonly StorageOptions _options;
    private readonly FeatureStateValidator _validator;
    private readonly RawStatement _ensureLine;
    private readonly RawStatement _upsertState;
    private readonly RawStatement _insertLog;
    private readonly RawStatement _trimLog;
    private readonly RawStatement _insertTrace;
    private readonly RawStatement _trimTrace;
    private readonly List<RawStatement> _all = [];
    private readonly SyncLogTrimSchedule _logTrims;
    // Lines whose row this connection has made sure of. The writer builds new statements (and so an
    // empty set) after any failed batch, so a row missing for any reason is created again then.
    private readonly HashSet<int> _ensuredLines = [];

    public BatchStatements(SqliteConnection connection, StorageOptions options, FeatureStateValidator validator)
    {
        _connection = connection;
        _options = options;
        _validator = validator;
        _logTrims = new SyncLogTrimSchedule(options.SyncLogCapacity);
        try
        {
            _ensureLine = Prepare(LineSql.InsertIfMissing, "@number");
            _upsertState = Prepare(FeatureStateRepository.UpsertSql,
                "@line", "@Kind", "@Enabled", "@Target", "@RingCount", "@Standing", "@Origin", "@ChangedAt", "@Detail");
            _insertLog = Prepare(SyncLogRepository.InsertSql,
                "@Time", "@Line", "@Kind", "@Origin", "@Outcome", "@Text", "@Code", "@Args");
            _trimLog = Prepare(SyncLogRepository.TrimSql, "@Line", "@Capacity");
            _insertTrace = Prepare(SipTraceRepository.InsertSql,
                "@Time", "@Line", "@Direction", "@RemoteEndpoint", "@LocalEndpoint", "@FirstLine", "@Text");
            _trimTrace = Prepare(SipTraceRepository.TrimSql, "@Capacity");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the batch in <paramref name="transaction"/>. Returns the feature states skipped
    /// because they break a rule (the SIP core validated them already; a bad one must not
    /// fail the other rows of the batch).
    /// </summary>
    public int Write(WriteBatch batch, SqliteTransaction transaction)
    {
        var skipped = 0;
        foreach (var ((line, _), state) in batch.States)
        {
            if (!_validator.Validate(state).IsValid)
            {
                skipped++;
                continue;
            }
            // The line row is the parent of its states; it may be missing after MaxLines was raised.
            if (_ensuredLines.Add(line))
            {
                EnsureLine(line, transaction);
            }
            _upsertState.Set(0, line);
            _upsertState.Set(1, EnumText(state.Kind));
            _upsertState.Set(2, state.Enabled);
            _upsertState.Set(3, string.IsNullOrEmpty(state.Target) ? null : state.Target);
            _upsertState.Set(4, state.RingCount);
            _upsertState.Set(5, EnumText(state.Standing));
            _upsertState.Set(6, EnumText(state.Origin));
            _upsertState.Set(7, state.ChangedAt);
            _upsertState.Set(8, state.Detail);
            try
            {
                _upsertState.Execute();
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ForeignKeyConstraint)
            {
                // The row went after this connection made sure of it (the phone never deletes a
                // line; another tool may). SQLite undid only the failed statement, the
                // transaction goes on: create the row again and store the state in this batch.
                EnsureLine(line, transaction);
                _upsertState.Execute();
            }
        }
        WriteLog(batch.Log);
        WriteTrace(batch.Trace);
        return skipped;
    }

    private void EnsureLine(int line, SqliteTransaction transaction)
    {
        _ensureLine.Set(0, line);
        LineSql.Created(_connection, transaction, _ensureLine.Execute());
    }

    private void WriteLog(List<SyncLogEntry> rows)
    {
        foreach (var entry in rows)
        {
            _insertLog.Set(0, entry.Time);
            _insertLog.Set(1, entry.Line);
            _insertLog.Set(2, EnumText(entry.Kind));
            _insertLog.Set(3, EnumText(entry.Origin));
            _insertLog.Set(4, EnumText(entry.Outcome));
            _insertLog.Set(5, entry.Text);
            _insertLog.Set(6, entry.Event is { } coded ? EnumText(coded.Code) : null);
            _insertLog.Set(7, entry.Event is { } logEvent ? SyncLogArgsJson.Write(logEvent.Args) : null);
            _insertLog.Execute();
            _logTrims.Added(entry.Line);
        }
        foreach (var line in _logTrims.Due)
        {
            _trimLog.Set(0, line);
            _trimLog.Set(1, _options.SyncLogCapacity);
            _trimLog.Execute();
        }
        _logTrims.Trimmed();
    }

    private void WriteTrace(List<TraceRow> rows)
    {
        foreach (var entry in rows)
        {
            _insertTrace.Set(0, entry.Time);
            _insertTrace.Set(1, entry.Line);
            _insertTrace.Set(2, EnumText(entry.Direction));
            _insertTrace.Set(3, entry.RemoteEndpoint);
            _insertTrace.Set(4, entry.LocalEndpoint);
            if (entry.Text is { } text)
            {
                _insertTrace.Set(5, entry.FirstLine);
                _insertTrace.Set(6, text);
            }
            else
            {
                // The bytes as they went over the wire (valid UTF-8, nothing to redact): SQLite
                // stores them as the text they are.
                var message = entry.Utf8.Span;
                _insertTrace.SetUtf8(5, TraceRow.StartLine(message));
                _insertTrace.SetUtf8(6, message);
            }
            _insertTrace.Execute();
        }
        if (rows.Count > 0)
        {
            _trimTrace.Set(0, _options.SipTraceCapacity);
            _trimTrace.Execute();
        }
    }

    // The name the repositories store (Enum.ToString's). Enum.GetName returns the runtime's cached
    // name without boxing the value (ToString on a generic enum boxed one object per column per
    // row); an undefined value keeps its number, as ToString gives it.
    private static string EnumText<T>(T value) where T : struct, Enum => Enum.GetName(value) ?? value.ToString();

    private RawStatement Prepare(string sql, params string[] names)
    {
        var statement = new RawStatement(_connection, sql, names);
        _all.Add(statement);
        return statement;
    }

    public void Dispose()
    {
        // Before the connection closes: a pooled connection must not keep the writer's statements.
        foreach (var statement in _all)
        {
            statement.Dispose();
        }
        _all.Clear();
    }
}
