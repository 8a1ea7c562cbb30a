using Phone.Storage.Recovery;

namespace Phone.Storage.Tests.Recovery;

/// <summary>
/// The last good copies: two, newest first, each a checked online backup; requests in a burst
/// coalesce but the newest copy always holds the last change.
/// </summary>
public sealed class GoodCopiesTests : IAsyncLifetime
{
    private TestStorage _storage = null!;

    private GoodCopies Copies => _storage.Get<GoodCopies>();

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task The_first_start_takes_one_copy_of_the_new_database()
    {
        Assert.Equal([Copies.Files.GoodCopy(1)], Copies.Existing());
        Assert.Equal(await RecoveryFiles.LiveLabelAsync(_storage), RecoveryFiles.LabelIn(Copies.Files.GoodCopy(1)));
    }

    [Fact]
    public async Task Two_copies_are_kept_newest_first_and_the_oldest_is_dropped()
    {
        foreach (var label in new[] { "first", "second", "third" })
        {
            await RecoveryFiles.SaveLabelAsync(_storage, label);
            Assert.True(Copies.TakeNow());
        }

        Assert.Equal([Copies.Files.GoodCopy(1), Copies.Files.GoodCopy(2)], Copies.Existing());
        Assert.Equal("third", RecoveryFiles.LabelIn(Copies.Files.GoodCopy(1)));
        Assert.Equal("second", RecoveryFiles.LabelIn(Copies.Files.GoodCopy(2)));
        Assert.False(File.Exists(Path.Combine(_storage.Directory, "featuresync.db.good-3")));
        // Each copy is one self-contained file, not a WAL database that needs its -wal.
        Assert.False(File.Exists(Copies.Files.GoodCopy(1) + "-wal"));
        Assert.Empty(Directory.GetFiles(Copies.Files.Scratch));
    }

    [Fact]
    public async Task A_burst_of_requests_ends_with_a_copy_holding_the_last_change()
    {
        for (var i = 1; i <= 30; i++)
        {
            await RecoveryFiles.SaveLabelAsync(_storage, $"change {i}");
            Copies.RequestCopy();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Copies.Completed < Copies.Requested)
        {
            await Task.Delay(10, timeout.Token);
        }
        Assert.Equal(30, Copies.Requested);
        Assert.Equal("change 30", RecoveryFiles.LabelIn(Copies.Files.GoodCopy(1)));
    }

    [Fact]
    public async Task Saves_racing_with_a_running_copy_are_all_in_the_newest_copy_at_the_end()
    {
        // Two writers save and request at the same time, so requests land while a copy runs.
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = 1; i <= 15; i++)
            {
                await _storage.Get<Lines.LineRepository>().SaveAsync(new SipCore.Configuration.LineSettings
                {
                    Number = w + 1,
                    Label = $"writer {w} change {i}",
                });
                Copies.RequestCopy();
            }
        })).ToList();
        await Task.WhenAll(writers);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Copies.Completed < Copies.Requested)
        {
            await Task.Delay(10, timeout.Token);
        }
        Assert.Equal("writer 0 change 15", RecoveryFiles.LabelIn(Copies.Files.GoodCopy(1)));
        using var connection = UnpooledConnection.Open(Copies.Files.GoodCopy(1), Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT label FROM line WHERE number = 2;";
        Assert.Equal("writer 1 change 15", command.ExecuteScalar());
    }
}
