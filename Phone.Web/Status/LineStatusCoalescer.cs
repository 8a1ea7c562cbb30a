using System.Collections.Concurrent;
using Phone.SipCore.Lines;

namespace Phone.Web.Status;

/// <summary>
/// Keeps the newest unsent status per line for one live view (the hub, a Status page) and asks
/// for one flush while any are waiting. A view needs a line's latest state, not every step:
/// at 1,000 NOTIFYs/s a line changed twice before its view caught up is sent once, and a busy
/// view is sent less, not queued more. Offer is called on the lines' queues; Take on the view's.
/// </summary>
internal sealed class LineStatusCoalescer(Action scheduleFlush, LivePushMetrics metrics, string view)
{
    private readonly ConcurrentDictionary<int, LineStatus> _pending = new();
    private int _flushScheduled;

    /// <summary>Records the line's newest status; schedules a flush unless one is already due.</summary>
    public void Offer(LineStatus status)
    {
        if (!_pending.TryAdd(status.Line, status))
        {
            // The older status of this line was never sent: this one replaces it.
            _pending[status.Line] = status;
            metrics.Coalesced(view);
        }
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            scheduleFlush();
        }
    }

    /// <summary>Drops what is pending without sending it (nobody is listening); not counted as sent.</summary>
    public void Discard()
    {
        Volatile.Write(ref _flushScheduled, 0);
        _pending.Clear();
    }

    /// <summary>The statuses waiting, newest per line; counted as sent. A later Offer schedules the next flush.</summary>
    public List<LineStatus> Take()
    {
        // Cleared before draining, so an Offer racing the drain schedules another flush rather than being stranded.
        Volatile.Write(ref _flushScheduled, 0);
        var taken = new List<LineStatus>(_pending.Count);
        foreach (var line in _pending.Keys)
        {
            if (_pending.TryRemove(line, out var status))
            {
                taken.Add(status);
            }
        }
        metrics.Sent(view, taken.Count);
        return taken;
    }
}
