using System.Collections.Concurrent;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transport;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// Keeps the sync log per line, and can hold one line's feature-state writes on a gate: a
/// deliberately slow (stuck) sink for that line, as a wedged disk would be.
/// </summary>
public sealed class RecordingLineEvents : ILineEventSink, IDisposable
{
    private readonly ConcurrentQueue<(int Line, SyncLogKind Kind, SyncLogEvent Event)> _log = new();
    private readonly ManualResetEventSlim _release = new(initialState: true);
    private int _stuckLine;
    private Func<FeatureState, bool> _held = _ => true;
    private int _heldWrites;

    public IReadOnlyList<(int Line, SyncLogKind Kind, SyncLogEvent Event)> Log => [.. _log];

    /// <summary>
    /// Feature-state writes of <paramref name="line"/> that match <paramref name="which"/> block
    /// until <see cref="Release"/>. Narrow it to the write the test causes: a line also writes on
    /// its own (the settle window marks unreported features), and a write held before the test's
    /// NOTIFY would stall the queue ahead of it.
    /// </summary>
    public void HoldWritesOf(int line, Func<FeatureState, bool> which)
    {
        _release.Reset();
        Volatile.Write(ref _held, which);
        Volatile.Write(ref _stuckLine, line);
    }

    /// <summary>How many writes are blocked right now.</summary>
    public int HeldWrites => Volatile.Read(ref _heldWrites);

    public void Release()
    {
        Volatile.Write(ref _stuckLine, 0);
        _release.Set();
    }

    public void SyncLog(int line, SyncLogKind kind, FeatureOrigin origin, SyncOutcome outcome, SyncLogEvent logEvent) => _log.Enqueue((line, kind, logEvent));

    public void SipTrace(int? line, SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> message)
    {
    }

    public void FeatureStateChanged(int line, FeatureState state)
    {
        if (line != Volatile.Read(ref _stuckLine) || !Volatile.Read(ref _held)(state))
        {
            return;
        }
        Interlocked.Increment(ref _heldWrites);
        // Bounded so a failing test cannot hang the run.
        _release.Wait(TimeSpan.FromSeconds(60));
        Interlocked.Decrement(ref _heldWrites);
    }

    /// <summary>Waits (bounded) until the log has an entry matching <paramref name="match"/>.</summary>
    public async Task<(int Line, SyncLogKind Kind, SyncLogEvent Event)> WaitForLogAsync(Func<(int Line, SyncLogKind Kind, SyncLogEvent Event), bool> match,
        string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var entry in _log)
            {
                if (match(entry))
                {
                    return entry;
                }
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"never logged: {what}. Log: {string.Join(" | ", _log.Select(e => $"{e.Line}: {e.Event}"))}");
    }

    public void Dispose()
    {
        Release();
        _release.Dispose();
    }
}
