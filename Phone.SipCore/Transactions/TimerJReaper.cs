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
/// <see cref="TimeProvider"/>.
/// <para>The timer is armed for the head's due time rounded up to the next <see cref="Tick"/>, so
/// a transaction ends at least J and less than J + <see cref="Tick"/> after its final response.
/// Armed for the exact due time, the timer fired once per completed transaction in a storm (1,000
/// a second, 1 ms apart), and each firing woke the timer thread and a pool worker: two context
/// switches per NOTIFY (docs/performance.md, target 2). J is the least time the transaction must
/// stay in Completed to absorb retransmissions (17.2.2); staying up to one tick longer only keeps
/// it, and its answer to a late retransmission, a little longer.</para>
/// </remarks>
internal sealed class TimerJReaper : IDisposable
{
    /// <summary>The reaper's granularity: it runs at most once per tick (4 a second).</summary>
    internal static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset Due, NonInviteServerTransaction Transaction)> _completed = new();
    private readonly ITimer _timer;
    private bool _armed;
    private bool _disposed;
    private long _runs;

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

    /// <summary>How many times the timer has run (tests: a storm's transactions end in few runs).</summary>
    internal long Runs => Interlocked.Read(ref _runs);

    private void Expire()
    {
        Interlocked.Increment(ref _runs);
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
        var wait = RoundUpToTick(due) - _time.GetUtcNow();
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    // The next tick boundary at or after due, on the clock's own time line, so every transaction
    // due within one tick ends in the same run.
    private static DateTimeOffset RoundUpToTick(DateTimeOffset due)
    {
        var tick = Tick.Ticks;
        var rounded = (due.UtcTicks + tick - 1) / tick * tick;
        return new DateTimeOffset(rounded, TimeSpan.Zero);
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
