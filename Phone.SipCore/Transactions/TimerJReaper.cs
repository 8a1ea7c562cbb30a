namespace Phone.SipCore.Transactions;

/// <summary>
/// Timer J for every completed non-INVITE server transaction of a layer, on one timer
/// (RFC 3261 17.2.2: the transaction stays 64*T1 in Completed to answer retransmissions).
/// </summary>
/// <remarks>
/// Every transaction of a layer waits the same J, so the order they complete in is the order
/// they end in: a FIFO queue and one timer armed for its head replace a timer per transaction.
/// In a 1,000 NOTIFY/s storm that is 32,000 timers fewer alive, and one expiry run for all the
/// transactions due instead of a thread-pool work item each. Times come from the layer's
/// <see cref="TimeProvider"/>, so each transaction still ends exactly J after its final response.
/// </remarks>
internal sealed class TimerJReaper : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset Due, NonInviteServerTransaction Transaction)> _completed = new();
    private readonly ITimer _timer;
    private bool _armed;
    private bool _disposed;

    public TimerJReaper(TimeProvider time)
    {
        _time = time;
        _timer = time.CreateTimer(static state => ((TimerJReaper)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Ends <paramref name="transaction"/> <paramref name="j"/> from now; J is the same for every call.</summary>
    public void Add(NonInviteServerTransaction transaction, TimeSpan j)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            var due = _time.GetUtcNow() + j;
            _completed.Enqueue((due, transaction));
            if (!_armed)
            {
                Arm(due);
            }
        }
    }

    private void Expire()
    {
        List<NonInviteServerTransaction>? ended = null;
        lock (_gate)
        {
            _armed = false;
            var now = _time.GetUtcNow();
            while (_completed.TryPeek(out var head) && head.Due <= now)
            {
                (ended ??= []).Add(_completed.Dequeue().Transaction);
            }
            if (!_disposed && _completed.TryPeek(out var next))
            {
                Arm(next.Due);
            }
        }
        // Outside the reaper's lock: ending takes each transaction's own lock.
        if (ended is not null)
        {
            foreach (var transaction in ended)
            {
                transaction.EndTimerJ();
            }
        }
    }

    private void Arm(DateTimeOffset due)
    {
        _armed = true;
        var wait = due - _time.GetUtcNow();
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _completed.Clear();
        }
        _timer.Dispose();
    }
}
