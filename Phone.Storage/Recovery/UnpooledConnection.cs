using Microsoft.Data.Sqlite;

namespace Phone.Storage.Recovery;

/// <summary>
/// An open connection to one file outside the phone's pool: checks and backups open copies
/// that must be closed for good when disposed, so they can be moved or deleted at once.
/// </summary>
internal static class UnpooledConnection
{
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
