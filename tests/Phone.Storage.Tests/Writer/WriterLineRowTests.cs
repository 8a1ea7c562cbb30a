using Dapper;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Events;
using Phone.Storage.Features;

namespace Phone.Storage.Tests.Writer;

/// <summary>
/// The storage writer makes sure of a line row once per connection, not before every state; a row
/// missing for any reason is still created, with its contact token, and the state stored.
/// </summary>
public sealed class WriterLineRowTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset At = new(2026, 12, 1, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_line_row_deleted_under_the_writer_is_created_again_and_the_state_stored_in_the_same_commit()
    {
        await using var storage = await TestStorage.StartAsync();
        await using var sink = StorageEventSinkTests.SinkOf(storage, new GroupCommitOptions { Window = TimeSpan.FromHours(1) });
        sink.FeatureStateChanged(7, Forward("1001"));
        await sink.WhenCommittedAsync().WaitAsync(Bound);
        using var admin = storage.Database.Open();
        var tokenBefore = admin.ExecuteScalar<string>("SELECT contact_token FROM line WHERE number = 7;");

        // The writer has made sure of line 7 on its connection; the row (and, by cascade, its states) goes.
        Assert.Equal(1, admin.Execute("DELETE FROM line WHERE number = 7;"));
        sink.FeatureStateChanged(7, Forward("1002"));
        await sink.WhenCommittedAsync().WaitAsync(Bound);

        Assert.Equal("1002", (await storage.Get<FeatureStateRepository>().GetAsync(7)).ForwardAlways.Target);
        var tokenAfter = admin.ExecuteScalar<string>("SELECT contact_token FROM line WHERE number = 7;");
        Assert.False(string.IsNullOrEmpty(tokenAfter));
        Assert.NotEqual(tokenBefore, tokenAfter);
        Assert.Equal(0, sink.DroppedCount);
    }

    [Fact]
    public async Task A_state_for_a_line_without_a_row_creates_the_row_as_after_MaxLines_was_raised()
    {
        await using var storage = await TestStorage.StartAsync(new Dictionary<string, string?> { [StorageOptions.MaxLinesKey] = "4" });
        await using var sink = StorageEventSinkTests.SinkOf(storage, new GroupCommitOptions { Window = TimeSpan.FromHours(1) });
        using var admin = storage.Database.Open();
        Assert.Equal(0, admin.ExecuteScalar<long>("SELECT count(*) FROM line WHERE number = 9;"));

        sink.FeatureStateChanged(2, Forward("2002"));
        sink.FeatureStateChanged(9, Forward("2009"));
        await sink.WhenCommittedAsync().WaitAsync(Bound);
        sink.FeatureStateChanged(9, Forward("2010"));
        await sink.WhenCommittedAsync().WaitAsync(Bound);

        Assert.False(string.IsNullOrEmpty(admin.ExecuteScalar<string>("SELECT contact_token FROM line WHERE number = 9;")));
        Assert.Equal("2010", admin.ExecuteScalar<string>("SELECT target FROM feature_state WHERE line = 9 AND kind = 'ForwardAlways';"));
        Assert.Equal("2002", admin.ExecuteScalar<string>("SELECT target FROM feature_state WHERE line = 2 AND kind = 'ForwardAlways';"));
    }

    [Fact]
    public async Task After_a_failed_batch_the_writer_makes_sure_of_its_lines_again()
    {
        await using var storage = await TestStorage.StartAsync();
        await using var sink = StorageEventSinkTests.SinkOf(storage, new GroupCommitOptions
        {
            Window = TimeSpan.FromHours(1),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        sink.FeatureStateChanged(5, Forward("3001"));
        await sink.WhenCommittedAsync().WaitAsync(Bound);
        using var admin = storage.Database.Open();
        // The line row goes and the feature table with it, so the next batch fails as a whole...
        admin.Execute("DELETE FROM line WHERE number = 5; ALTER TABLE feature_state RENAME TO feature_state_away;");
        sink.FeatureStateChanged(5, Forward("3002"));
        await Assert.ThrowsAsync<StorageWriteException>(() => sink.WhenCommittedAsync().WaitAsync(Bound));

        // ...and the one after it, on a new connection, creates the row before it stores the state.
        admin.Execute("ALTER TABLE feature_state_away RENAME TO feature_state;");
        await sink.WhenCommittedAsync().WaitAsync(Bound);

        Assert.Equal("3002", (await storage.Get<FeatureStateRepository>().GetAsync(5)).ForwardAlways.Target);
        Assert.Equal(1, admin.ExecuteScalar<long>("SELECT count(*) FROM line WHERE number = 5;"));
    }

    private static FeatureState Forward(string target) =>
        new(FeatureKind.ForwardAlways, true, target, null, FeatureStanding.Confirmed, FeatureOrigin.Server, At);
}
