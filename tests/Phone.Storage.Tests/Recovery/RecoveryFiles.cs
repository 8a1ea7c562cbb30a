using Dapper;
using Microsoft.Data.Sqlite;
using Phone.SipCore.Configuration;
using Phone.Storage.Lines;
using Phone.Storage.Recovery;

namespace Phone.Storage.Tests.Recovery;

/// <summary>Reads and writes what the recovery tests check: line 1's label, in the live database or in a copy.</summary>
internal static class RecoveryFiles
{
    public static Task<LineView> SaveLabelAsync(TestStorage storage, string label) =>
        storage.Get<LineRepository>().SaveAsync(new LineSettings { Number = 1, Label = label });

    public static async Task<string?> LiveLabelAsync(TestStorage storage) =>
        (await storage.Get<LineRepository>().GetAsync(1))?.Label;

    /// <summary>Line 1's label in a database file opened read-only (a good copy), without pooling.</summary>
    public static string? LabelIn(string file)
    {
        using var connection = UnpooledConnection.Open(file, SqliteOpenMode.ReadOnly);
        return connection.QuerySingleOrDefault<string>("SELECT label FROM line WHERE number = 1;");
    }

    /// <summary>
    /// A connection that keeps the database's WAL in place: SQLite checkpoints the WAL into the
    /// file and deletes it when the last connection that uses it closes (another test's pool
    /// clearing can close ours). A connection joins the WAL only when it first reads, so this one
    /// reads once; merely opened, it would not count.
    /// </summary>
    public static SqliteConnection HoldWal(string database)
    {
        var connection = UnpooledConnection.Open(database, SqliteOpenMode.ReadWrite);
        connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master;");
        return connection;
    }
}
