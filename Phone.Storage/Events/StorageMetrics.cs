using System.Diagnostics.Metrics;

namespace Phone.Storage.Events;

/// <summary>
/// The storage writer's health as <c>System.Diagnostics.Metrics</c> instruments, so
/// <c>dotnet-counters monitor -n Phone.Web --counters FeatureSync.Storage</c> shows how big the
/// batches are, how long a commit takes and whether rows are being dropped.
/// </summary>
public sealed class StorageMetrics
{
    public const string MeterName = "FeatureSync.Storage";
    public const string BatchSizeName = "featuresync.storage.batch.size";
    public const string CommitDurationName = "featuresync.storage.commit.duration";
    public const string RowsWrittenName = "featuresync.storage.rows.written";
    public const string RowsDroppedName = "featuresync.storage.rows.dropped";
    public const string CommitFailuresName = "featuresync.storage.commit.failures";
    public const string TableTag = "table";

    // Boxed once: a tag's value is an object, and a per-row box would be a per-row allocation.
    internal static readonly KeyValuePair<string, object?> FeatureStateTag = new(TableTag, "feature_state");
    internal static readonly KeyValuePair<string, object?> SyncLogTag = new(TableTag, "sync_log");
    internal static readonly KeyValuePair<string, object?> SipTraceTag = new(TableTag, "sip_trace");

    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _failures;

    public StorageMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _batchSize = meter.CreateHistogram<int>(BatchSizeName, "{row}", "Rows written in one transaction of the storage writer");
        _commitDuration = meter.CreateHistogram<double>(CommitDurationName, "ms", "Time to write and commit one batch, fsync included when a caller waited for it (tag synchronous: full or normal)");
        _written = meter.CreateCounter<long>(RowsWrittenName, "{row}", "Rows committed, by table");
        _dropped = meter.CreateCounter<long>(RowsDroppedName, "{row}", "Log and trace rows dropped (queue full or batch failed), by table");
        _failures = meter.CreateCounter<long>(CommitFailuresName, "{batch}", "Batches whose transaction failed");
    }

    /// <summary>The commit-duration tag saying whether the batch was fsynced (a caller waited for it) or left to the OS.</summary>
    public const string SynchronousTag = "synchronous";

    internal void Committed(WriteBatch batch, double milliseconds, string synchronous)
    {
        _batchSize.Record(batch.RowCount);
        _commitDuration.Record(milliseconds, new KeyValuePair<string, object?>(SynchronousTag, synchronous));
        Add(_written, batch.States.Count, FeatureStateTag);
        Add(_written, batch.Log.Count, SyncLogTag);
        Add(_written, batch.Trace.Count, SipTraceTag);
    }

    internal void Failed(WriteBatch batch)
    {
        _failures.Add(1);
        Add(_dropped, batch.Log.Count, SyncLogTag);
        Add(_dropped, batch.Trace.Count, SipTraceTag);
    }

    /// <summary>One row refused because the queue was full.</summary>
    internal void Dropped(KeyValuePair<string, object?> table) => _dropped.Add(1, table);

    private static void Add(Counter<long> counter, int rows, KeyValuePair<string, object?> tag)
    {
        if (rows > 0)
        {
            counter.Add(rows, tag);
        }
    }
}
