using Microsoft.Data.Sqlite;

namespace Phone.Storage.Events;

/// <summary>
/// One SQL statement compiled once on the writer's connection and run again and again with
/// new parameter values: per row, SQLite then only binds and steps, with no parsing and no
/// Dapper parameter reflection.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    // Line numbers and ring counts are small: boxing them once avoids a box per row.
    private static readonly object[] SmallInts = Enumerable.Range(0, StorageOptions.MaxLinesLimit + 1).Select(i => (object)i).ToArray();
    private static readonly object True = 1L;
    private static readonly object False = 0L;

    private readonly SqliteCommand _command;
    private readonly SqliteParameterCollection _parameters;

    /// <param name="names">The statement's parameters, in the order <see cref="Set(int, object?)"/> numbers them.</param>
    public PreparedStatement(SqliteConnection connection, string sql, params string[] names)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var name in names)
        {
            _command.Parameters.Add(new SqliteParameter(name, null) { Value = DBNull.Value });
        }
        _parameters = _command.Parameters;
        _command.Prepare();
    }

    /// <summary>The transaction the next runs belong to (Microsoft.Data.Sqlite checks it on every run).</summary>
    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public void Set(int index, object? value) => _parameters[index].Value = value ?? DBNull.Value;

    public void Set(int index, int value) =>
        _parameters[index].Value = (uint)value < (uint)SmallInts.Length ? SmallInts[value] : value;

    public void Set(int index, int? value)
    {
        if (value is { } number)
        {
            Set(index, number);
        }
        else
        {
            _parameters[index].Value = DBNull.Value;
        }
    }

    public void Set(int index, bool value) => _parameters[index].Value = value ? True : False;

    /// <summary>Runs the statement and returns the rows it changed.</summary>
    public int Execute() => _command.ExecuteNonQuery();

    public void Dispose() => _command.Dispose();
}
