using Microsoft.Data.Sqlite;
using Phone.Storage.Recovery;
using Phone.TestSupport;

namespace Phone.Storage.Tests.Recovery;

/// <summary>
/// Start-up on a damaged database (real files, a real host): the file is moved aside, the newest
/// good copy that passes its check takes its place, and what happened is recorded; a sound file,
/// also one with its own WAL after a power cut, is left alone.
/// </summary>
public sealed class DatabaseRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestStorage _storage = null!;

    private GoodCopies Copies => _storage.Get<GoodCopies>();

    // From the folder, not the host: the damage is done while the host is stopped.
    private DatabaseFiles Files => new(_storage.Directory);

    private string Database => Files.Database;

    private StorageRecovery? Recovery => _storage.Get<StorageRecoveryStatus>().Recovery;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Random_bytes_are_moved_aside_and_the_newest_good_copy_is_restored()
    {
        await SaveAndCopyAsync("older", "newest");
        await _storage.ReopenAsync(); // stops cleanly first: nothing left in a WAL
        Assert.Null(Recovery);

        await StopDamageAndStartAsync(() => DatabaseDamage.RandomBytes(Database));

        var recovery = AssertRestored(Files.GoodCopy(1));
        Assert.Contains("SQLite header", recovery.Problem, StringComparison.Ordinal);
        Assert.Equal("newest", await RecoveryFiles.LiveLabelAsync(_storage));
        var damaged = Assert.Single(DatabaseDamage.DamagedFiles(_storage.Directory));
        Assert.Equal(recovery.DamagedFile, damaged);
        Assert.Equal(5000, new FileInfo(damaged).Length);
    }

    [Fact]
    public async Task A_file_cut_at_half_is_replaced_by_the_good_copy()
    {
        Fill();
        await SaveAndCopyAsync("kept");

        await StopDamageAndStartAsync(() => DatabaseDamage.CutAtHalf(Database));

        AssertRestored(Files.GoodCopy(1));
        Assert.Equal("kept", await RecoveryFiles.LiveLabelAsync(_storage));
    }

    [Fact]
    public async Task A_page_overwritten_in_the_middle_is_found_by_quick_check_and_the_good_copy_restored()
    {
        Fill();
        await SaveAndCopyAsync("kept");

        var page = 0;
        await StopDamageAndStartAsync(() => page = DatabaseDamage.OverwriteMiddlePage(Database));

        var recovery = AssertRestored(Files.GoodCopy(1));
        output.WriteLine($"page {page} overwritten: {recovery.Problem}");
        Assert.Equal("kept", await RecoveryFiles.LiveLabelAsync(_storage));
    }

    [Fact]
    public async Task A_damaged_newest_copy_is_skipped_for_the_older_one()
    {
        await SaveAndCopyAsync("older", "newest");

        await StopDamageAndStartAsync(() =>
        {
            DatabaseDamage.RandomBytes(Database);
            DatabaseDamage.OverwriteMiddlePage(Files.GoodCopy(1));
        });

        AssertRestored(Files.GoodCopy(2));
        Assert.Equal("older", await RecoveryFiles.LiveLabelAsync(_storage));
    }

    [Fact]
    public async Task With_no_good_copy_the_phone_starts_with_defaults_and_says_so()
    {
        await RecoveryFiles.SaveLabelAsync(_storage, "lost");

        await StopDamageAndStartAsync(() =>
        {
            DatabaseDamage.RandomBytes(Database);
            File.Delete(Files.GoodCopy(1));
            File.Delete(Files.GoodCopy(2));
        });

        var recovery = Assert.IsType<StorageRecovery>(Recovery);
        Assert.True(recovery.StartedWithDefaults);
        Assert.Null(recovery.RestoredCopy);
        Assert.True(File.Exists(recovery.DamagedFile));
        Assert.Equal("", await RecoveryFiles.LiveLabelAsync(_storage));
        Assert.Equal(16, (await _storage.Get<Lines.LineRepository>().GetAllAsync()).Count);
        // The fresh database gets its first good copy at once.
        Assert.Equal([Files.GoodCopy(1)], Copies.Existing());
    }

    [Fact]
    public async Task A_wal_from_another_database_that_rewrites_the_lines_is_refused()
    {
        await SaveAndCopyAsync("ours");
        var foreignWal = await ForeignWalAsync(other => RecoveryFiles.SaveLabelAsync(other, "theirs"));

        await StopDamageAndStartAsync(() => DatabaseDamage.PutForeignWal(Database, foreignWal));

        var recovery = AssertRestored(Files.GoodCopy(1));
        Assert.Contains("another database", recovery.Problem, StringComparison.Ordinal);
        Assert.Equal("ours", await RecoveryFiles.LiveLabelAsync(_storage));
        Assert.True(File.Exists(recovery.DamagedFile + "-wal"), "the foreign WAL is kept aside with the database");
    }

    [Fact]
    public async Task A_wal_from_another_database_that_rewrites_page_one_is_refused()
    {
        await SaveAndCopyAsync("ours");
        var foreignWal = await ForeignWalAsync(other =>
        {
            using var connection = other.Database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE unrelated (x INTEGER);";
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        });

        await StopDamageAndStartAsync(() => DatabaseDamage.PutForeignWal(Database, foreignWal));

        var recovery = AssertRestored(Files.GoodCopy(1));
        Assert.Contains("application id", recovery.Problem, StringComparison.Ordinal);
        Assert.Equal("ours", await RecoveryFiles.LiveLabelAsync(_storage));
    }

    [Fact]
    public async Task The_databases_own_wal_left_by_a_power_cut_is_not_damage()
    {
        // Held open (unpooled) so no other test's pool clearing closes the last connection,
        // which would checkpoint the WAL into the file and delete it.
        using var holder = RecoveryFiles.HoldWal(Database);
        await RecoveryFiles.SaveLabelAsync(_storage, "in the wal");
        // The files as a power cut would leave them: copied while the database is open.
        var after = TestStorage.NewDirectory();
        File.Copy(Database, Path.Combine(after, "featuresync.db"));
        File.Copy(Database + "-wal", Path.Combine(after, "featuresync.db-wal"));
        Assert.True(new FileInfo(Path.Combine(after, "featuresync.db-wal")).Length > 0);

        await using var restarted = await TestStorage.StartAsync(directory: after);

        Assert.Null(restarted.Get<StorageRecoveryStatus>().Recovery);
        Assert.Equal("in the wal", await RecoveryFiles.LiveLabelAsync(restarted));
        Assert.Empty(DatabaseDamage.DamagedFiles(after));
    }

    [Fact]
    public async Task A_sound_database_is_left_alone()
    {
        await SaveAndCopyAsync("kept");
        await _storage.ReopenAsync();

        Assert.Null(Recovery);
        Assert.Equal("kept", await RecoveryFiles.LiveLabelAsync(_storage));
        Assert.Empty(DatabaseDamage.DamagedFiles(_storage.Directory));
    }

    private async Task SaveAndCopyAsync(params string[] labels)
    {
        foreach (var label in labels)
        {
            await RecoveryFiles.SaveLabelAsync(_storage, label);
            Assert.True(Copies.TakeNow());
        }
    }

    /// <summary>Sync log rows, so the file has pages enough that its second half and its middle page hold real data.</summary>
    private void Fill()
    {
        using (var connection = _storage.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                INSERT INTO sync_log (time, line, kind, origin, outcome, text)
                SELECT '2026-12-01T17:00:00Z', 1 + i % 16, 'Dnd', 'Server', 'Confirmed', printf('%0100d', i) FROM n;
                """;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Stops the host cleanly (the WAL is checkpointed into the file and removed), damages, starts again.</summary>
    private Task StopDamageAndStartAsync(Action damage) => _storage.ReopenAsync(whileStopped: damage);

    private StorageRecovery AssertRestored(string copy)
    {
        var recovery = Assert.IsType<StorageRecovery>(Recovery);
        output.WriteLine($"{recovery.Problem}; moved aside as {Path.GetFileName(recovery.DamagedFile)}; restored {Path.GetFileName(recovery.RestoredCopy)}");
        Assert.Equal(copy, recovery.RestoredCopy);
        Assert.False(recovery.StartedWithDefaults);
        Assert.True(File.Exists(recovery.DamagedFile));
        Assert.StartsWith(Database + ".damaged-", recovery.DamagedFile, StringComparison.Ordinal);
        return recovery;
    }

    /// <summary>
    /// Another database's WAL holding <paramref name="write"/>, copied while that database is
    /// open (its WAL is deleted when it closes).
    /// </summary>
    private static async Task<string> ForeignWalAsync(Func<TestStorage, Task> write)
    {
        await using var other = await TestStorage.StartAsync();
        // Held open so another test's pool clearing cannot checkpoint and delete the WAL first.
        using var holder = RecoveryFiles.HoldWal(other.Database.FilePath);
        await write(other);
        var copy = Path.Combine(Path.GetTempPath(), $"foreign-{Guid.NewGuid():N}.db-wal");
        File.Copy(other.Database.FilePath + "-wal", copy);
        Assert.True(new FileInfo(copy).Length > 0);
        return copy;
    }
}
