namespace Phone.Storage.Events;

/// <summary>
/// What wakes the storage writer's thread: something to write, a flush asked for (a full
/// batch, a waiting caller), the end of the group-commit window, or shutdown. The thread blocks
/// in <see cref="Monitor.Wait(object)"/>: no thread-pool work item, no spinning, per wake-up.
/// Deadlines come from the <see cref="TimeProvider"/>, so tests can move time by hand.
/// Only the writer's own thread ever blocks here; the reporting side (the SIP receive path and
/// the lines' queues) takes the lock for a flag and a pulse and never waits.
/// </summary>
internal sealed class WriterSignal : IDisposable
{
    private readonly object _gate = new();
    private readonly ITimer _deadline;
    private bool _work;
    private bool _flush;
    private bool _due;
    private bool _closed;
    private bool _idle; // the writer waits in WaitForWork

    public WriterSignal(TimeProvider time) =>
        _deadline = time.CreateTimer(static state => ((WriterSignal)state!).Due(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>There is something to write.</summary>
    /// <remarks>
    /// Called for every row reported, so it wakes the writer only when the writer sleeps waiting
    /// for work and nobody has told it yet: inside the window the writer waits for the window
    /// to end, and a wake-up per row (several per NOTIFY) only made it check and sleep again.
    /// </remarks>
    public void Work()
    {
        lock (_gate)
        {
            if (_work)
            {
                return;
            }
            _work = true;
            if (_idle)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Write now, do not wait out the window.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _work = true;
            _flush = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Stop once what is pending is written.</summary>
    public void Close() => Set(ref _closed);

    /// <summary>Blocks until there is work; false once closed (what was reported before is still to be written once more).</summary>
    public bool WaitForWork()
    {
        lock (_gate)
        {
            _idle = true;
            while (!_work && !_closed)
            {
                Monitor.Wait(_gate);
            }
            _idle = false;
            _work = false;
            return !_closed;
        }
    }

    /// <summary>Blocks for <paramref name="window"/>, or less when a flush is asked for or the writer is closed.</summary>
    public void WaitOutWindow(TimeSpan window)
    {
        lock (_gate)
        {
            if (_flush || _closed)
            {
                _flush = false;
                return;
            }
            _due = false;
            _deadline.Change(window, Timeout.InfiniteTimeSpan);
            while (!_flush && !_due && !_closed)
            {
                Monitor.Wait(_gate);
            }
            _flush = false;
            _work = false; // everything reported so far goes in the batch about to be taken
        }
    }

    /// <summary>Blocks for <paramref name="delay"/> or until closed (the pause before a retry).</summary>
    public void Pause(TimeSpan delay)
    {
        lock (_gate)
        {
            _due = false;
            _deadline.Change(delay, Timeout.InfiniteTimeSpan);
            while (!_due && !_closed)
            {
                Monitor.Wait(_gate);
            }
            _work = true; // the restored states are waiting
        }
    }

    private void Due() => Set(ref _due);

    private void Set(ref bool flag)
    {
        lock (_gate)
        {
            flag = true;
            Monitor.Pulse(_gate);
        }
    }

    public void Dispose() => _deadline.Dispose();
}
