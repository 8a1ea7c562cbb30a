using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Events;

/// <summary>
/// Everything reported and not yet taken by the writer, behind one lock: feature states
/// (newest per feature, never dropped), log and trace rows (bounded, refused when full),
/// and the commit ticket of the batch being filled.
/// </summary>
/// <remarks>
/// One lock for all of it is what makes the durability promise simple: <see cref="Take"/>
/// swaps the rows and the ticket together, so a ticket handed out by
/// <see cref="TicketForFillingBatch"/> belongs to a batch that holds everything reported
/// before it was handed out (or to a later batch than the one that took it). The lock is
/// held for a dictionary or list operation only, never for disk work.
/// </remarks>
internal sealed class PendingWrites(int rowCapacity)
{
    private readonly Lock _gate = new();
    private WriteBatch _filling = new();
    private WriteBatch? _spare = new();
    private int _rows;
    private bool _closed;

    /// <summary>Log and trace rows waiting (feature states are not counted: they are bounded by lines x 4).</summary>
    public int QueuedRows
    {
        get
        {
            lock (_gate)
            {
                return _rows;
            }
        }
    }

    /// <summary>Records the state, replacing an older state of the same feature not taken yet. Returns the rows now waiting.</summary>
    public int SetState(int line, FeatureState state)
    {
        lock (_gate)
        {
            _filling.States[(line, state.Kind)] = state;
            return _rows + _filling.States.Count;
        }
    }

    /// <summary>Queues the row; returns the rows now waiting, or -1 when the bound is reached and the row was refused.</summary>
    public int TryAdd(SyncLogEntry entry) => TryAdd(static batch => batch.Log, entry);

    /// <inheritdoc cref="TryAdd(SyncLogEntry)"/>
    public int TryAdd(TraceRow entry) => TryAdd(static batch => batch.Trace, entry);

    private int TryAdd<T>(Func<WriteBatch, List<T>> rowsOf, T entry)
    {
        lock (_gate)
        {
            if (_rows >= rowCapacity)
            {
                return -1;
            }
            rowsOf(_filling).Add(entry);
            return ++_rows + _filling.States.Count;
        }
    }

    /// <summary>
    /// The task that completes when the batch now filling has committed, and with it everything
    /// reported before this call (earlier batches commit first: there is one writer).
    /// </summary>
    public Task TicketForFillingBatch()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromException(new ObjectDisposedException(nameof(StorageEventSink), "The storage writer has stopped."));
            }
            _filling.Committed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _filling.Committed.Task;
        }
    }

    /// <summary>
    /// Hands out no more tickets: the writer's last <see cref="Take"/> after this completes
    /// every ticket handed out before.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    /// <summary>Takes the filling batch (rows and ticket together); the caller hands it back through <see cref="Recycle"/>.</summary>
    public WriteBatch Take()
    {
        lock (_gate)
        {
            var taken = _filling;
            _filling = _spare ?? new WriteBatch();
            _spare = null;
            _rows = 0;
            return taken;
        }
    }

    /// <summary>
    /// Puts back the feature states of a batch that failed to commit, unless a newer state of
    /// the same feature was reported meanwhile: feature states are never dropped.
    /// </summary>
    public void Restore(IReadOnlyDictionary<(int Line, FeatureKind Kind), FeatureState> states)
    {
        lock (_gate)
        {
            foreach (var (key, state) in states)
            {
                _filling.States.TryAdd(key, state);
            }
        }
    }

    public void Recycle(WriteBatch batch)
    {
        batch.Clear();
        lock (_gate)
        {
            _spare ??= batch;
        }
    }
}
