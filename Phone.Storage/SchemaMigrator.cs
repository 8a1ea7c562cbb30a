using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Phone.Storage;

/// <summary>
/// Applies the embedded, numbered <c>Migrations/NNNN_name.sql</c> scripts in order, each in
/// its own transaction together with the <c>PRAGMA user_version</c> bump, so a crash
/// leaves the file at one version or the next, never between.
/// </summary>
public static partial class SchemaMigrator
{
    // Work a script cannot do in SQL, run after the script of that version in its transaction.
    private static readonly Dictionary<int, Action<SqliteConnection, SqliteTransaction>> CodeSteps = new()
    {
        // 0006: the existing lines' tokens come from RandomNumberGenerator, which SQL cannot call.
        [6] = (connection, transaction) => Lines.LineContactTokens.AssignMissing(connection, transaction),
        // 0007 alters the line table again: rows another tool wrote at v6 without a token get
        // theirs here, as start-up's EnsureLines would, so no migrated line is left without one.
        [7] = (connection, transaction) => Lines.LineContactTokens.AssignMissing(connection, transaction),
        // 0008 (the admin account's security stamp) does not touch lines, but a file written at v7 by
        // another tool may hold lines without a token; as for 0007, none is left without one.
        [8] = (connection, transaction) => Lines.LineContactTokens.AssignMissing(connection, transaction),
        // 0009 (provisioning) adds its own tables only; as for 0008, lines another tool wrote at v8
        // without a token get theirs.
        [9] = (connection, transaction) => Lines.LineContactTokens.AssignMissing(connection, transaction),
        // 0010 (sync log event columns) does not touch lines; as for 0009, lines another tool wrote
        // at v9 without a token get theirs.
        [10] = (connection, transaction) => Lines.LineContactTokens.AssignMissing(connection, transaction),
        // 0011 (the trace's local end point) adds a column only; as for 0009, lines another tool
        // wrote without a token get theirs.
        [11] = (connection, transaction) => Lines.LineContactTokens.AssignMissing(connection, transaction),
    };

    /// <summary>The scripts embedded in this assembly, ordered by number.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>The schema version this build of the program writes.</summary>
    public static int LatestVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Migrates up to <paramref name="targetVersion"/> (default: latest).</summary>
    public static int Migrate(SqliteConnection connection, int? targetVersion = null)
    {
        var target = targetVersion ?? LatestVersion;
        var current = CurrentVersion(connection);
        if (current > LatestVersion)
        {
            // Never touch a database written by a newer program: it may hold data we
            // would misread or drop.
            throw new NewerSchemaException(current, LatestVersion);
        }
        foreach (var (version, name, sql) in Scripts)
        {
            if (version <= current || version > target)
            {
                continue;
            }
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = sql + $"\nPRAGMA user_version = {version};";
                try
                {
                    command.ExecuteNonQuery();
                    if (CodeSteps.TryGetValue(version, out var step))
                    {
                        step(connection, transaction);
                    }
                }
                catch (SqliteException ex)
                {
                    throw new InvalidOperationException($"Migration {name} failed: {ex.Message}", ex);
                }
            }
            transaction.Commit();
            current = version;
        }
        return current;
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups[0].Value, reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"Migration scripts must be numbered 1..n without gaps; found {scripts[i].Item2}.");
            }
        }
        return scripts;
    }

    [GeneratedRegex(@"(\d{4})_[A-Za-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();
}
