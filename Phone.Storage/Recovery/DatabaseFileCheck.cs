using Dapper;
using Microsoft.Data.Sqlite;

namespace Phone.Storage.Recovery;

/// <summary>
/// Checks the database file and its WAL before anything opens them: the header, then
/// <c>PRAGMA quick_check</c> on a copy of the file alone and on a copy with the WAL. Copies,
/// because opening the real file with a foreign WAL would replay that WAL into it for good.
/// </summary>
internal static class DatabaseFileCheck
{
    /// <summary>What is wrong with the database in <paramref name="files"/>, or null when it is sound.</summary>
    public static string? Check(DatabaseFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var walPending = File.Exists(files.Wal) && new FileInfo(files.Wal).Length > 0;
        if (DatabaseHeader.Check(files.Database, walPending) is { } header)
        {
            return header;
        }
        var alone = Inspect(files, files.Database, wal: null);
        if (alone.Problem is not null || !walPending)
        {
            return alone.Problem;
        }
        var withWal = Inspect(files, files.Database, files.Wal);
        return withWal.Problem is { } problem ? $"with its WAL file: {problem}" : alone.ForeignWal(withWal);
    }

    /// <summary>Copies <paramref name="database"/> (and <paramref name="wal"/>) to the scratch folder and checks the copy.</summary>
    public static DatabaseInspection Inspect(DatabaseFiles files, string database, string? wal)
    {
        ArgumentNullException.ThrowIfNull(files);
        var folder = Path.Combine(files.Scratch, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var copy = Path.Combine(folder, PhoneDatabase.FileName);
            File.Copy(database, copy);
            if (wal is not null)
            {
                File.Copy(wal, copy + "-wal");
            }
            return InspectInPlace(copy);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Opens <paramref name="path"/> itself (a copy or a fresh backup, never the live file) and checks it.</summary>
    public static DatabaseInspection InspectInPlace(string path)
    {
        try
        {
            using var connection = UnpooledConnection.Open(path, SqliteOpenMode.ReadWrite);
            var findings = connection.Query<string>("PRAGMA quick_check;").ToList();
            if (findings is not ["ok"])
            {
                // Its findings span lines ("*** in database main ***\nPage 11: ..."); the log and banner want one.
                var found = string.Join("; ", findings.Take(3).Select(f => string.Join(' ', f.Split('\n', StringSplitOptions.TrimEntries))));
                return DatabaseInspection.Failed("PRAGMA quick_check found: " + found);
            }
            var applicationId = connection.ExecuteScalar<int>("PRAGMA application_id;");
            var hasTokens = connection.ExecuteScalar<long>(
                "SELECT count(*) FROM pragma_table_info('line') WHERE name = 'contact_token';") > 0;
            var tokens = hasTokens
                ? connection.Query<(long Number, string Token)>("SELECT number, contact_token FROM line;")
                    .ToDictionary(row => row.Number, row => row.Token)
                : [];
            return new DatabaseInspection(null, applicationId, tokens);
        }
        catch (SqliteException ex)
        {
            return DatabaseInspection.Failed(ex.Message);
        }
    }
}
