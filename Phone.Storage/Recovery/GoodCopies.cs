using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Phone.Storage.Recovery;

/// <summary>
/// Keeps the last good copies of the database: after a settings change, an online backup
/// (SQLite's backup API, a consistent snapshot while the phone keeps writing) into the scratch
/// folder, checked with <c>PRAGMA quick_check</c>, then rotated in as <c>.good-1</c> (the newest),
/// the previous one becoming <c>.good-2</c>. A damaged database is replaced by the newest copy
/// that still passes the check (<see cref="DatabaseRecovery"/>).
/// </summary>
/// <remarks>
/// <see cref="RequestCopy"/> never waits: it counts the request and, unless a copy is already
/// being taken, starts one on the thread pool. A burst of saves costs at most two copies, and a
/// save that lands while a copy runs is always followed by another copy, so the newest copy
/// never misses the latest change.
/// </remarks>
public sealed class GoodCopies(PhoneDatabase database, ILogger<GoodCopies> logger)
{
    private readonly Lock _taking = new();
    private long _requested;
    private long _completed;
    private int _running;

    public DatabaseFiles Files { get; } = new(database.DataDirectory);

    /// <summary>Requests counted so far; a copy that starts after request n holds every change before it.</summary>
    public long Requested => Interlocked.Read(ref _requested);

    /// <summary>The request count the newest finished attempt started from (tests wait for it to reach <see cref="Requested"/>).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>The copies that exist, newest first.</summary>
    public IReadOnlyList<string> Existing() =>
        Enumerable.Range(1, DatabaseFiles.GoodCopyCount).Select(Files.GoodCopy).Where(File.Exists).ToList();

    /// <summary>Asks for a copy of the database as it is now; returns at once.</summary>
    public void RequestCopy()
    {
        Interlocked.Increment(ref _requested);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(CopyWhileRequested);
        }
    }

    /// <summary>
    /// Takes a copy on the calling thread. False when the backup failed its check, in which
    /// case the existing copies stay as they were.
    /// </summary>
    public bool TakeNow()
    {
        lock (_taking)
        {
            Directory.CreateDirectory(Files.Scratch);
            var backup = Path.Combine(Files.Scratch, $"backup-{Guid.NewGuid():N}.db");
            try
            {
                Backup(backup);
                var check = DatabaseFileCheck.InspectInPlace(backup);
                if (check.Problem is not null)
                {
                    logger.LogWarning("The backup of {Database} failed its check ({Problem}); the good copies were kept as they were",
                        Files.Database, check.Problem);
                    return false;
                }
                FlushToDisk(backup);
                Rotate(backup);
                return true;
            }
            finally
            {
                File.Delete(backup);
                File.Delete(backup + "-journal");
            }
        }
    }

    private void CopyWhileRequested()
    {
        while (true)
        {
            var requested = Requested;
            try
            {
                TakeNow();
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not take a good copy of {Database}", Files.Database);
            }
            Interlocked.Exchange(ref _completed, requested);
            if (Requested != requested)
            {
                continue;
            }
            Volatile.Write(ref _running, 0);
            // A request that came between the check above and this point saw a copy running and
            // started none: take it on here unless another thread already has.
            if (Requested == requested || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private void Backup(string target)
    {
        using var source = database.Open();
        using var copy = UnpooledConnection.Open(target, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(copy);
        // The snapshot carries the WAL flag of its source; a copy must be one self-contained file.
        using var journal = copy.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode=DELETE;";
        journal.ExecuteScalar();
    }

    /// <summary>Newest in at 1, each older one moved up by one, the oldest dropped.</summary>
    private void Rotate(string verified)
    {
        for (var n = DatabaseFiles.GoodCopyCount; n > 1; n--)
        {
            var newer = Files.GoodCopy(n - 1);
            if (File.Exists(newer))
            {
                File.Move(newer, Files.GoodCopy(n), overwrite: true);
            }
        }
        File.Move(verified, Files.GoodCopy(1), overwrite: true);
    }

    // A copy that is only in the page cache is no copy after a power cut.
    private static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }
}
