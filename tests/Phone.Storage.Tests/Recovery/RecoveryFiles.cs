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
}
