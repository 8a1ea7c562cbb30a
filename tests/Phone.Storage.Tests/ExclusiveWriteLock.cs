using Microsoft.Data.Sqlite;

namespace Phone.Storage.Tests;

/// <summary>
/// Holds the database's write lock from a second connection (<c>BEGIN EXCLUSIVE</c>), the way
/// a stalled disk or another writer would: every write of the program waits until
/// <see cref="Release"/>, while reads still see the last committed data (WAL).
/// </summary>
public sealed class ExclusiveWriteLock : IDisposable
{
    private readonly SqliteConnection _connection;
    private bool _held;

    private ExclusiveWriteLock(SqliteConnection connection)
    {
        _connection = connection;
        _held = true;
    }

    public static ExclusiveWriteLock Take(PhoneDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = database.Open();
        Execute(connection, "BEGIN EXCLUSIVE;");
        return new ExclusiveWriteLock(connection);
    }

    public void Release()
    {
        if (_held)
        {
            _held = false;
            Execute(_connection, "ROLLBACK;");
        }
    }

    public void Dispose()
    {
        Release();
        _connection.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
