namespace Phone.Storage.Events;

/// <summary>
/// When the storage writer commits. A batch is written when <see cref="Window"/> has passed
/// since its first row, when <see cref="MaxRows"/> rows wait, or at once when a caller waits
/// for durability; the rows of a flood beyond <see cref="QueueCapacity"/> are dropped.
/// </summary>
/// <remarks>
/// The window only delays rows nobody waits for: NOTIFY-driven states, sync log and trace rows.
/// A change somebody must see on disk (the web's 202) flushes the batch at once, and the live
/// views read the lines' state from memory, not from these rows. 200 ms: at 1,000 NOTIFY/s (4-5
/// rows each) a batch holds up to about 1,000 rows, so each WAL page the batch touches (the log and
/// trace tables' last pages, their indexes, the feature rows) is written 5 times a second instead
/// of 200 (5 ms) or 20 (50 ms). In the 30 s storm 5 -> 50 ms cut about 13 points of a core, and
/// 50 -> 200 ms a further 19-34 us per NOTIFY in three alternating pairs (docs/performance.md,
/// target 2). What the window risks is what a crash inside it loses: at most 200 ms of rows no
/// caller was promised, and the NOTIFY-driven states among them are the server's, which it sends
/// again when the phone subscribes at start. The sync log and SIP ladder pages show such rows up
/// to that much later. 1,024 rows: a flood still commits in steps of a few ms (about 2.5 ms of
/// CPU per 250 rows in BatchWriteBenchmarks), so a waiting caller never waits behind one huge
/// transaction.
/// </remarks>
public sealed record GroupCommitOptions
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMilliseconds(200);

    public int MaxRows { get; init; } = 1024;

    /// <summary>Log and trace rows held in memory at most while the disk is slow.</summary>
    public int QueueCapacity { get; init; } = DefaultQueueCapacity;

    public const int DefaultQueueCapacity = 10_000;

    /// <summary>Pause after a failed transaction before the next attempt, so a broken disk is not retried in a loop.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
