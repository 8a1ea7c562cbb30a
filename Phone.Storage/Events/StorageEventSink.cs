using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transport;
using Phone.Storage.Features;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Events;

/// <summary>
/// Records what the SIP core reports without ever blocking it, however slow the disk: no call
/// waits for room or for a write. Trace and log rows go into a bounded queue and are dropped
/// (and counted) when a flood fills it. Feature states are never dropped, because a restart
/// must show them; they are kept newest-per-feature (<see cref="PendingFeatureStates"/>), since
/// only a feature's newest state matters on disk. One background writer stores both.
/// </summary>
public sealed class StorageEventSink : ILineEventSink, IAsyncDisposable
{
    public const int Capacity = 10_000;

    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Tells the writer there is work. One pending wake-up covers any number of reports, so a
    // second one is dropped rather than waited for.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private readonly PendingFeatureStates _pendingStates = new();
    private readonly SyncLogRepository _log;
    private readonly SipTraceRepository _trace;
    private readonly FeatureStateRepository _featureStates;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageEventSink> _logger;
    private readonly Task _writer;
    private long _dropped;

    public StorageEventSink(SyncLogRepository log, SipTraceRepository trace, FeatureStateRepository features,
        TimeProvider time, ILogger<StorageEventSink> logger)
    {
        _log = log;
        _trace = trace;
        _featureStates = features;
        _time = time;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Trace and log events dropped because the queue was full.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    public void SyncLog(int line, SyncLogKind kind, FeatureOrigin origin, SyncOutcome outcome, SyncLogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        // The text column keeps a plain fallback; the pages word the event in the viewer's language.
        var entry = new SyncLogEntry(_time.GetUtcNow(), line, kind, origin, outcome, logEvent.ToString()) { Event = logEvent };
        Offer(ct => _log.AppendAsync(entry, ct));
    }

    public void SipTrace(int? line, SipTraceDirection direction, SipEndPoint remote, ReadOnlyMemory<byte> message)
    {
        // Redacted before it is queued, so no digest response or nonce is ever stored in clear.
        var text = CredentialRedactor.Redact(Encoding.UTF8.GetString(message.Span));
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = (end < 0 ? text : text[..end]).TrimEnd('\r');
        var entry = new SipTraceEntry(_time.GetUtcNow(), line, direction, remote.ToString(), firstLine, text);
        Offer(ct => _trace.AppendAsync(entry, ct));
    }

    /// <remarks>
    /// Replaces any older state of the same feature that is not stored yet. A state reported
    /// after <see cref="DisposeAsync"/> has begun may not be stored.
    /// </remarks>
    public void FeatureStateChanged(int line, FeatureState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _pendingStates.Set(line, state);
        Wake();
    }

    /// <summary>
    /// Waits until everything reported before the call is stored, feature states included
    /// (tests, shutdown). Fails with <see cref="ChannelClosedException"/> after <see cref="DisposeAsync"/>.
    /// </summary>
    public async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The marker waits for room instead of being dropped; only the flushing caller waits.
        await _queue.Writer.WriteAsync(async ct =>
        {
            try
            {
                // Every state reported before the flush is stored by now or pending now: the
                // writer finishes one take before it reads the next queue entry.
                await StoreFeatureStatesAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                done.TrySetResult();
            }
        }).ConfigureAwait(false);
        Wake();
        await done.Task.ConfigureAwait(false);
    }

    private void Offer(Func<CancellationToken, Task> write)
    {
        if (_queue.Writer.TryWrite(write))
        {
            Wake();
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task WriteAsync()
    {
        // Ends when DisposeAsync completes the wake channel; the last round below then stores
        // whatever was reported until that moment.
        while (await _wake.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Taken before the work, so a report made during the round wakes another round.
            _wake.Reader.TryRead(out _);
            await StoreEverythingAsync().ConfigureAwait(false);
        }
        await StoreEverythingAsync().ConfigureAwait(false);
    }

    private async Task StoreEverythingAsync()
    {
        await StoreFeatureStatesAsync(CancellationToken.None).ConfigureAwait(false);
        while (_queue.Reader.TryRead(out var write))
        {
            try
            {
                await write(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogError(ex, "Storing a SIP core event failed");
            }
            // Between rows too, so a trace flood cannot hold a feature state back.
            await StoreFeatureStatesAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task StoreFeatureStatesAsync(CancellationToken cancellationToken)
    {
        foreach (var ((line, kind), state) in _pendingStates.TakeAll())
        {
            try
            {
                await _featureStates.SaveAsync(line, state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogError(ex, "Storing the {Feature} state of line {Line} failed", kind, line);
            }
        }
    }

    /// <summary>Stores everything reported so far, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _wake.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
