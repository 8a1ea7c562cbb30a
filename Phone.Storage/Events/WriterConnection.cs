using Microsoft.Data.Sqlite;

namespace Phone.Storage.Events;

/// <summary>The storage writer's own connection and its settings, in one place for the writer and its benchmark.</summary>
internal static class WriterConnection
{
    /// <summary>
    /// Opens a connection with <c>PRAGMA synchronous=FULL</c>: in WAL mode that fsyncs the WAL at
    /// every commit, so a committed batch survives a power cut, where NORMAL survives only a process
    /// crash. Group commit is what makes FULL affordable: one fsync per batch, not per row.
    /// </summary>
    public static SqliteConnection Open(PhoneDatabase database)
    {
        var connection = database.Open();
        try
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
