using Microsoft.Data.Sqlite;

namespace Phone.Storage;

/// <summary>
/// The phone's one SQLite file. Hands out a new connection per operation (pooling makes
/// that cheap) with foreign keys on; the file itself is in WAL mode.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite executes synchronously even behind its async methods, so the
/// repositories do their (short, local) work inline and return completed tasks; their
/// Task-based API keeps callers ready for a store that is truly asynchronous.
/// </remarks>
public sealed class PhoneDatabase
{
    public const string FileName = "featuresync.db";

    private readonly string _connectionString;

    public PhoneDatabase(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Internal.DapperTypeHandlers.EnsureRegistered();
        DataDirectory = Path.GetFullPath(dataDirectory);
        FilePath = Path.Combine(DataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
        }.ToString();
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    /// <summary>Opens a new connection; the caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Creates the data directory and the file if missing, switches to WAL, applies every
    /// migration the file lacks and gives the file its identity. Returns
    /// the schema version afterwards. Start-up checks the file before this
    /// (<see cref="Recovery.DatabaseRecovery"/>).
    /// </summary>
    public int Initialize()
    {
        Directory.CreateDirectory(DataDirectory);
        using var connection = Open();
        var version = SchemaMigrator.CurrentVersion(connection);
        if (version > SchemaMigrator.LatestVersion)
        {
            // Checked before the WAL switch below, so a refused file is not altered at all.
            throw new NewerSchemaException(version, SchemaMigrator.LatestVersion);
        }
        using (var wal = connection.CreateCommand())
        {
            // WAL lets the web pages read while the storage writer writes. synchronous=FULL
            // (a per-connection setting; this pooled connection is reused by the repositories)
            // fsyncs the WAL at each commit, so what was committed survives a power cut, not
            // only a process crash as with NORMAL. The storage writer sets FULL on its own
            // connection too and makes it cheap by committing in batches (docs/reliability.md).
            wal.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
            wal.ExecuteNonQuery();
        }
        var migrated = SchemaMigrator.Migrate(connection);
        Recovery.DatabaseIdentity.AssignIfMissing(connection);
        return migrated;
    }

    /// <summary>
    /// Moves everything in the WAL into the main file and empties the WAL. Start-up calls it once
    /// the lines exist, so a WAL found at the next start holds that run's writes only and the
    /// main file alone carries the identity a WAL is checked against (Recovery.DatabaseFileCheck).
    /// </summary>
    public void Checkpoint()
    {
        using var connection = Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }
}
