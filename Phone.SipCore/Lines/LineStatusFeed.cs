using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Phone.SipCore.Lines;

/// <summary>
/// Holds the latest snapshot of each line and fans changes out to subscribers. A failing
/// subscriber (a closed page) is logged and never stops the others.
/// </summary>
public sealed class LineStatusFeed(ILogger<LineStatusFeed> logger) : ILineStatusFeed
{
    private readonly ConcurrentDictionary<int, LineStatus> _lines = new();
    private ImmutableList<Action<LineStatus>> _subscribers = [];

    public IReadOnlyList<LineStatus> Snapshot() => _lines.Values.OrderBy(l => l.Line).ToList();

    public LineStatus? Get(int line) => _lines.GetValueOrDefault(line);

    public IDisposable Subscribe(Action<LineStatus> onChange)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChange));
        return new Subscription(this, onChange);
    }

    /// <summary>Stores the snapshot and tells every subscriber.</summary>
    public void Publish(LineStatus status)
    {
        _lines[status.Line] = status;
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(status);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "A line status subscriber failed on line {Line}", status.Line);
            }
        }
    }

    /// <summary>Drops a line that no longer exists (line count lowered).</summary>
    public void Remove(int line) => _lines.TryRemove(line, out _);

    private sealed class Subscription(LineStatusFeed feed, Action<LineStatus> handler) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref feed._subscribers, list => list.Remove(handler));
    }
}
