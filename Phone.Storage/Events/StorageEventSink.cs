using Microsoft.Extensions.Logging;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transport;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Events;

/// <summary>
/// Records what the SIP core reports without ever blocking it, however slow the disk: no call
/// waits for room or for a write. Everything goes to the one storage writer
/// (<see cref="GroupCommitWriter"/>), which commits it in batches. Trace and log rows are
/// bounded and dropped (and counted) when a flood fills the queue. Feature states are never
/// dropped, because a restart must show them; they are kept newest-per-feature, since only a
/// feature's newest state matters on disk. The web layer, which acknowledges changes, waits
/// for their commit through <see cref="IStorageCommitBarrier"/>.
/// </summary>
public sealed class StorageEventSink : ILineEventSink, IStorageCommitBarrier, IAsyncDisposable
{
    private readonly GroupCommitWriter _writer;
    private readonly TimeProvider _time;

    public StorageEventSink(PhoneDatabase database, StorageOptions storage, FeatureStateValidator validator,
        StorageMetrics metrics, TimeProvider time, ILogger<StorageEventSink> logger, GroupCommitOptions? options = null)
    {
        _time = time;
        _writer = new GroupCommitWriter(options ?? new GroupCommitOptions(), database, storage, validator, metrics, time, logger);
    }

    /// <summary>Trace and log events dropped: the queue was full, or their batch failed.</summary>
    public long DroppedCount => _writer.DroppedCount;

    /// <summary>Trace and log events waiting for the writer now.</summary>
    public int QueuedRows => _writer.QueuedRows;

    public void SyncLog(int line, SyncLogKind kind, FeatureOrigin origin, SyncOutcome outcome, SyncLogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        // The text column keeps a plain fallback; the pages word the event in the viewer's language.
        var entry = new SyncLogEntry(_time.GetUtcNow(), line, kind, origin, outcome, logEvent.ToString()) { Event = logEvent };
        _writer.Add(entry);
    }

    public void SipTrace(int? line, SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> message) =>
        _writer.Add(TraceRow.FromWire(_time.GetUtcNow(), line, direction, remote, local, message));

    /// <remarks>
    /// Replaces any older state of the same feature that is not stored yet. A state reported
    /// after <see cref="DisposeAsync"/> has begun may not be stored.
    /// </remarks>
    public void FeatureStateChanged(int line, FeatureState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _writer.SetState(line, state);
    }

    public Task WhenCommittedAsync(CancellationToken cancellationToken = default) => _writer.WhenCommittedAsync(cancellationToken);

    /// <summary>Waits until everything reported before the call is committed (tests, shutdown).</summary>
    public Task FlushAsync() => WhenCommittedAsync();

    /// <summary>Stores everything reported so far, then stops the writer.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
