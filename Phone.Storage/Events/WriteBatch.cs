using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Events;

/// <summary>
/// What one transaction of the storage writer stores: the newest state of each changed
/// feature, and the log and trace rows in the order they were reported. Two batches take
/// turns (one filling, one being written), so steady traffic allocates no new collections.
/// </summary>
internal sealed class WriteBatch
{
    public Dictionary<(int Line, FeatureKind Kind), FeatureState> States { get; } = [];

    public List<SyncLogEntry> Log { get; } = [];

    public List<TraceRow> Trace { get; } = [];

    /// <summary>Completed when this batch has committed, faulted when it failed; null while nobody waits.</summary>
    public TaskCompletionSource? Committed { get; set; }

    /// <summary>Rows as the writer counts them: one per feature state, log row and trace row.</summary>
    public int RowCount => States.Count + Log.Count + Trace.Count;

    public void Clear()
    {
        States.Clear();
        Log.Clear();
        Trace.Clear();
        Committed = null;
    }
}
