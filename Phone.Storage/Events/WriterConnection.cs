using Microsoft.Data.Sqlite;

namespace Phone.Storage.Events;

/// <summary>The storage writer's own connection and its settings, in one place for the writer and its benchmark.</summary>
internal static class WriterConnection
{
    /// <summary>
    /// Opens a connection with <c>PRAGMA synchronous=FULL</c>: in WAL mode that fsyncs the WAL at
    /// every commit, so a committed batch survives a power cut, where NORMAL survives only a process
    /// crash. Group commit is what makes FULL affordable: one fsync per batch, not per row; the
    /// writer switches to NORMAL for batches nobody waits for (GroupCommitWriter.Synchronous).
    /// </summary>
    public static SqliteConnection Open(PhoneDatabase database)
    {
        var connection = database.Open();
        try
        {
            SetSynchronous(connection, Full);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public const string Full = "full";

    public const string Normal = "normal";

    /// <summary>Sets <c>PRAGMA synchronous</c> (outside a transaction) to <see cref="Full"/> or <see cref="Normal"/>.</summary>
    public static void SetSynchronous(SqliteConnection connection, string mode)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = mode == Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
    }
}
