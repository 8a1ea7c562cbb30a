using Dapper;
using Microsoft.Data.Sqlite;

namespace Phone.Storage.Tests;

public sealed class MigrationTests : IDisposable
{
    private const string TokenPattern = "^[a-z0-9]{8}$";

    private readonly string _directory = TestStorage.NewDirectory();

    public void Dispose() => TestStorage.DeleteDirectory(_directory);

    [Fact]
    public void Scripts_are_numbered_without_gaps_and_0001_is_kept()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.Scripts.Count), SchemaMigrator.Scripts.Select(s => s.Version));
        Assert.True(SchemaMigrator.LatestVersion >= 4);
        Assert.Contains("CREATE TABLE meta", SchemaMigrator.Scripts[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_migrates_to_latest_with_wal_and_foreign_keys()
    {
        var database = new PhoneDatabase(_directory);
        Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());
        using var connection = database.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("PRAGMA foreign_keys;"));
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table';").ToHashSet();
        Assert.Superset(new HashSet<string> { "meta", "line", "pbx_profile", "feature_state", "sync_log", "sip_trace" }, tables);
        // A second start is a no-op.
        Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());
    }

    public static TheoryData<int> EarlierVersions()
    {
        var data = new TheoryData<int>();
        for (var v = 0; v < SchemaMigrator.LatestVersion; v++)
        {
            data.Add(v);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public void Each_earlier_version_migrates_up_keeping_its_data(int version)
    {
        var database = new PhoneDatabase(_directory);
        using (var connection = database.Open())
        {
            Assert.Equal(version, SchemaMigrator.Migrate(connection, version));
            Assert.Equal(version, SchemaMigrator.CurrentVersion(connection));
            InsertDataFor(connection, version);
        }

        Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());

        using var migrated = database.Open();
        if (version >= 1)
        {
            Assert.Equal("kept", migrated.ExecuteScalar<string>("SELECT value FROM meta WHERE key = 'test';"));
        }
        if (version >= 2)
        {
            Assert.Equal("Old PBX", migrated.ExecuteScalar<string>("SELECT name FROM pbx_profile WHERE id = 7;"));
            Assert.Equal(7L, migrated.ExecuteScalar<long>("SELECT pbx_profile_id FROM line WHERE number = 3;"));
            Assert.Matches(TokenPattern, migrated.ExecuteScalar<string>("SELECT contact_token FROM line WHERE number = 3;"));
        }
        if (version >= 3)
        {
            Assert.Equal("old state", migrated.ExecuteScalar<string>("SELECT detail FROM feature_state WHERE line = 3;"));
        }
        // The newest tables work on a migrated file.
        migrated.Execute("INSERT INTO sync_log (time, line, kind, origin, outcome, text) VALUES ('t', 1, 'Call', 'Web', 'Info', 'x');");
    }

    [Fact]
    public void Migrating_from_5_gives_every_existing_line_a_distinct_contact_token()
    {
        var database = new PhoneDatabase(_directory);
        using (var connection = database.Open())
        {
            Assert.Equal(5, SchemaMigrator.Migrate(connection, 5));
            connection.Execute("""
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300)
                INSERT INTO line (number, user) SELECT x, 'user' || x FROM n;
                """);
        }

        // Initialize migrates only; it does not create lines, so the migration gave the tokens.
        Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());

        using var migrated = database.Open();
        var tokens = migrated.Query<string>("SELECT contact_token FROM line ORDER BY number;").ToList();
        Assert.Equal(300, tokens.Count);
        Assert.All(tokens, t => Assert.Matches(TokenPattern, t));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("user300", migrated.ExecuteScalar<string>("SELECT user FROM line WHERE number = 300;"));
    }

    [Fact]
    public void Newer_schema_is_refused_and_the_file_is_left_unchanged()
    {
        var database = new PhoneDatabase(_directory);
        database.Initialize();
        var newer = SchemaMigrator.LatestVersion + 5;
        using (var connection = database.Open())
        {
            connection.Execute($"PRAGMA user_version = {newer};");
            // Leave WAL so the bytes compared below are the whole database, and so a start-up
            // that switched journal mode before checking the version would show in the header.
            connection.Execute("PRAGMA journal_mode = DELETE;");
            SqliteConnection.ClearPool(connection);
        }
        var before = File.ReadAllBytes(database.FilePath);

        var error = Assert.Throws<NewerSchemaException>(() => new PhoneDatabase(_directory).Initialize());

        Assert.Equal(newer, error.FileVersion);
        Assert.Equal(SchemaMigrator.LatestVersion, error.KnownVersion);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(database.FilePath));
        using var check = database.Open();
        Assert.Equal(newer, SchemaMigrator.CurrentVersion(check));
    }

    private static void InsertDataFor(SqliteConnection connection, int version)
    {
        if (version >= 1)
        {
            connection.Execute("INSERT INTO meta (key, value) VALUES ('test', 'kept');");
        }
        if (version >= 2)
        {
            connection.Execute("INSERT INTO pbx_profile (id, name, sync_method) VALUES (7, 'Old PBX', 'AsFeatureEvent');");
            connection.Execute("INSERT INTO line (number, user, pbx_profile_id) VALUES (3, '2001', 7);");
        }
        if (version >= 3)
        {
            connection.Execute("""
                INSERT INTO feature_state (line, kind, enabled, standing, origin, changed_at, detail)
                VALUES (3, 'Dnd', 1, 'Confirmed', 'Server', '2026-01-01T00:00:00.0000000+00:00', 'old state');
                """);
        }
    }
}
