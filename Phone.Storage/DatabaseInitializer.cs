using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Phone.Storage.Lines;
using Phone.Storage.Recovery;

namespace Phone.Storage;

/// <summary>
/// Checks the database and replaces a damaged one by its last good copy, then creates and
/// migrates it and creates the lines, before anything else uses it.
/// </summary>
internal sealed class DatabaseInitializer(
    PhoneDatabase database,
    LineRepository lines,
    GoodCopies copies,
    StorageRecoveryStatus status,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(database.DataDirectory);
        var recovery = DatabaseRecovery.Run(copies.Files, time, logger);
        var version = database.Initialize();
        await lines.EnsureLinesAsync(cancellationToken).ConfigureAwait(false);
        database.Checkpoint();
        if (recovery is not null)
        {
            status.Recovery = recovery;
            Report(recovery);
        }
        logger.LogInformation("Database {Path} at schema version {Version} with {Lines} lines",
            database.FilePath, version, lines.MaxLines);
        if (copies.Existing().Count == 0)
        {
            TakeFirstCopy();
        }
    }

    // Without a copy the phone still runs; the next settings change tries again.
    private void TakeFirstCopy()
    {
        try
        {
            copies.TakeNow();
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not take the first good copy of {Database}", database.FilePath);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report(StorageRecovery recovery)
    {
        if (recovery.RestoredCopy is { } copy)
        {
            logger.LogWarning("Database {Database} was damaged ({Problem}): moved aside as {Damaged}; restored the last good copy {Copy} " +
                "taken {TakenAt:u}; changes made after that are lost",
                recovery.Database, recovery.Problem, recovery.DamagedFile, copy, recovery.RestoredCopyTakenAt);
        }
        else
        {
            logger.LogError("Database {Database} was damaged ({Problem}): moved aside as {Damaged}; no good copy: started with " +
                "default settings; lines and profiles must be set up again",
                recovery.Database, recovery.Problem, recovery.DamagedFile);
        }
    }
}
