namespace Phone.Storage.Events;

/// <summary>
/// When the storage writer commits. A batch is written when <see cref="Window"/> has passed
/// since its first row, when <see cref="MaxRows"/> rows wait, or at once when a caller waits
/// for durability; the rows of a flood beyond <see cref="QueueCapacity"/> are dropped.
/// </summary>
/// <remarks>
/// 5 ms: at 1,000 NOTIFY/s (4 rows each) a batch then holds about 20 rows and the writer
/// fsyncs 200 times a second at most, while a row reaches the disk 5 ms plus one commit after
/// it was reported. 256 rows: a flood commits in steps that stay short (a few ms), so a
/// waiting caller never waits behind one huge transaction.
/// </remarks>
public sealed record GroupCommitOptions
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMilliseconds(5);

    public int MaxRows { get; init; } = 256;

    /// <summary>Log and trace rows held in memory at most while the disk is slow.</summary>
    public int QueueCapacity { get; init; } = DefaultQueueCapacity;

    public const int DefaultQueueCapacity = 10_000;

    /// <summary>Pause after a failed transaction before the next attempt, so a broken disk is not retried in a loop.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
