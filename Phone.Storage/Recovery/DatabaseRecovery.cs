using Microsoft.Extensions.Logging;

namespace Phone.Storage.Recovery;

/// <summary>
/// Start-up's first step, before the migrator or anything else opens the database: checks it
/// (<see cref="DatabaseFileCheck"/>) and, when it is damaged, moves it and its WAL and index
/// aside as <c>featuresync.db.damaged-&lt;UTC time&gt;</c> and puts the newest good copy that
/// passes its check in its place. With no usable copy nothing is put there, so the migrator
/// creates a database with default settings.
/// </summary>
internal static class DatabaseRecovery
{
    /// <summary>What was done, or null when the database was sound (or there was none yet).</summary>
    public static StorageRecovery? Run(DatabaseFiles files, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(files);
        // Left over from a check or backup cut off by a power loss.
        if (Directory.Exists(files.Scratch))
        {
            Directory.Delete(files.Scratch, recursive: true);
        }
        // No file yet is a first start (or a reset on purpose): the migrator creates one.
        if (!File.Exists(files.Database) || DatabaseFileCheck.Check(files) is not { } problem)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var damaged = MoveAside(files, now);
        foreach (var copy in Enumerable.Range(1, DatabaseFiles.GoodCopyCount).Select(files.GoodCopy).Where(File.Exists))
        {
            if (DatabaseFileCheck.Inspect(files, copy, wal: null).Problem is { } copyProblem)
            {
                logger.LogWarning("The good copy {Copy} is damaged too ({Problem}); trying an older one", copy, copyProblem);
                continue;
            }
            Restore(copy, files.Database);
            return new StorageRecovery(now, problem, damaged, files.Database, copy, File.GetLastWriteTimeUtc(copy));
        }
        return new StorageRecovery(now, problem, damaged, files.Database, null, null);
    }

    /// <summary>Moves the database, its WAL and its index to the damaged name; returns it.</summary>
    private static string MoveAside(DatabaseFiles files, DateTimeOffset at)
    {
        var damaged = files.DamagedName(at);
        File.Move(files.Database, damaged);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(files.Database + suffix))
            {
                File.Move(files.Database + suffix, damaged + suffix);
            }
        }
        return damaged;
    }

    /// <summary>Copies under a temporary name, then renames, so a cut-off restore leaves no half database.</summary>
    private static void Restore(string copy, string database)
    {
        var partial = database + ".restoring";
        using (var source = new FileStream(copy, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            source.CopyTo(target);
            target.Flush(flushToDisk: true);
        }
        File.Move(partial, database, overwrite: true);
    }
}
