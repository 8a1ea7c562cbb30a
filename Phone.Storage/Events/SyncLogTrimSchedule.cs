using System.Runtime.InteropServices;

namespace Phone.Storage.Events;

/// <summary>
/// When the storage writer trims a line's sync log: not after every row, but once the line has
/// gained <see cref="Slack"/> rows since its last trim, and at the line's first row on this
/// writer connection (so a log left over capacity by an earlier run, a failed batch or a lowered
/// capacity is cut back at once). <see cref="Logs.SyncLogRepository.TrimSql"/> walks the line's
/// newest <c>capacity</c> index entries to find the bound (2,000 by default), so a trim per row
/// was most of the writer's time in a NOTIFY storm; in steps, a committed line holds at most
/// <c>capacity + Slack - 1</c> rows, and every read asks for at most a count of its own.
/// </summary>
internal sealed class SyncLogTrimSchedule
{
    /// <summary>The most rows a line gains between two trims.</summary>
    public const int MaxSlack = 32;

    // Rows each line gained since its last trim; a line missing here has not been trimmed yet.
    private readonly Dictionary<int, int> _addedSinceTrim = [];
    private readonly List<int> _due = [];

    /// <param name="capacity">The log's bound per line: a small log gets a proportionally small slack.</param>
    public SyncLogTrimSchedule(int capacity) => Slack = Math.Clamp(capacity / 16, 1, MaxSlack);

    public int Slack { get; }

    /// <summary>The lines to trim at the end of this batch, each once.</summary>
    public IReadOnlyList<int> Due => _due;

    /// <summary>Counts a row written for <paramref name="line"/> in this batch.</summary>
    public void Added(int line)
    {
        ref var added = ref CollectionsMarshal.GetValueRefOrAddDefault(_addedSinceTrim, line, out var known);
        added = known ? added + 1 : Slack;
        // Equal, not greater: a line that gains many rows in one batch is listed once.
        if (added == Slack)
        {
            _due.Add(line);
        }
    }

    /// <summary>The <see cref="Due"/> lines were trimmed (in the batch's transaction).</summary>
    public void Trimmed()
    {
        foreach (var line in _due)
        {
            _addedSinceTrim[line] = 0;
        }
        _due.Clear();
    }
}
