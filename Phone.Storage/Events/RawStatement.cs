using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Phone.Storage.Events;

/// <summary>
/// One SQL statement compiled once on the writer's connection and run again and again with new
/// values, through SQLite's own API (SQLitePCLRaw, the library under Microsoft.Data.Sqlite):
/// bind, step, reset. Microsoft.Data.Sqlite's <c>ExecuteNonQuery</c> added to every run of the
/// writer's short statements a data reader and its statement iterator, a type dispatch per value and
/// a new UTF-8 array per bound string (4.7 KB per NOTIFY, docs/performance.md "Cost per batch"). Here a string is encoded into the stack or a
/// pooled buffer, a time is formatted on the stack, and nothing is allocated per run. Runs take part
/// in whatever transaction the connection has open.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    // Texts up to about 340 characters (log rows, endpoints, first lines) are encoded on the stack.
    private const int StackTextBytes = 1024;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _slots;

    /// <param name="names">
    /// The statement's parameters, in the order <c>Set</c> numbers them; each must occur in the SQL,
    /// and every parameter of the SQL must be named, so no value is silently left NULL.
    /// </param>
    public RawStatement(SqliteConnection connection, string sql, params string[] names)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement, out var tail));
        if (!string.IsNullOrWhiteSpace(tail))
        {
            _statement.Dispose();
            throw new ArgumentException($"One statement expected; left over: {tail}", nameof(sql));
        }
        _slots = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            _slots[i] = raw.sqlite3_bind_parameter_index(_statement, names[i]);
            if (_slots[i] == 0)
            {
                _statement.Dispose();
                throw new ArgumentException($"The statement has no parameter {names[i]}.", nameof(names));
            }
        }
        if (_slots.Distinct().Count() != raw.sqlite3_bind_parameter_count(_statement))
        {
            _statement.Dispose();
            throw new ArgumentException("The statement has parameters not named here.", nameof(names));
        }
    }

    public void Set(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, _slots[index], value));

    public void Set(int index, int value) => Set(index, (long)value);

    public void Set(int index, int? value)
    {
        if (value is { } number)
        {
            Set(index, (long)number);
        }
        else
        {
            SetNull(index);
        }
    }

    /// <summary>1 or 0, as Microsoft.Data.Sqlite binds a bool.</summary>
    public void Set(int index, bool value) => Set(index, value ? 1L : 0L);

    public void Set(int index, string? value)
    {
        if (value is null)
        {
            SetNull(index);
        }
        else
        {
            Set(index, value.AsSpan());
        }
    }

    /// <summary>
    /// Binds the text as UTF-8, encoded here (vectorized) into the stack or a pooled buffer: SQLite
    /// copies it before this returns (SQLitePCLRaw binds with SQLITE_TRANSIENT). Binding UTF-16 would
    /// make SQLite convert it character by character into a buffer of its own.
    /// </summary>
    public void Set(int index, ReadOnlySpan<char> value)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? pooled = null;
        var buffer = most <= StackTextBytes ? stackalloc byte[StackTextBytes] : (pooled = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var length = Encoding.UTF8.GetBytes(value, buffer);
            Check(raw.sqlite3_bind_text(_statement, _slots[index], buffer[..length]));
        }
        finally
        {
            if (pooled is not null)
            {
                ArrayPool<byte>.Shared.Return(pooled);
            }
        }
    }

    /// <summary>Binds text that is already UTF-8 (checked valid by the caller), as it is.</summary>
    public void SetUtf8(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, _slots[index], utf8));

    /// <summary>
    /// The ISO 8601 round-trip text ("O") that Dapper's handler writes (DapperTypeHandlers), so both
    /// paths sort and read alike; formatted on the stack.
    /// </summary>
    public void Set(int index, DateTimeOffset value)
    {
        Span<char> text = stackalloc char[64];
        if (!value.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture))
        {
            throw new FormatException("A round-trip time did not fit 64 characters.");
        }
        Set(index, text[..written]);
    }

    public void SetNull(int index) => Check(raw.sqlite3_bind_null(_statement, _slots[index]));

    /// <summary>Runs the statement to its end and returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result == raw.SQLITE_ROW)
            {
                throw new InvalidOperationException("The writer's statements return no rows.");
            }
            if (result != raw.SQLITE_DONE)
            {
                // Message and extended code (e.g. SQLITE_CONSTRAINT_FOREIGNKEY) from the connection.
                SqliteException.ThrowExceptionForRC(result, _database);
            }
            return raw.sqlite3_changes(_database);
        }
        finally
        {
            // Reset at once: a statement left mid-run would keep the transaction from committing.
            // The bound values stay for the next run unless set again.
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
