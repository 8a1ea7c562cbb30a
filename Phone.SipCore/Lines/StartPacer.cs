namespace Phone.SipCore.Lines;

/// <summary>
/// Spreads the lines' first REGISTERs at start-up so 1,000 lines do not hit the registrar (and
/// our own receive buffer with its answers and NOTIFYs) in one burst: a token bucket of
/// <see cref="PerSecond"/> starts a second with a burst of <see cref="Burst"/>, kept as the
/// time the next start is due (GCRA), so it needs no timer of its own. Thread-safe.
/// </summary>
public sealed class StartPacer
{
    private readonly TimeProvider _time;
    private readonly long _interval;
    private readonly long _burstTolerance;
    private readonly Lock _gate = new();
    private long _due;

    public StartPacer(TimeProvider time, int perSecond = 1000, int burst = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _time = time;
        PerSecond = perSecond;
        Burst = burst;
        _interval = time.TimestampFrequency / perSecond;
        _burstTolerance = _interval * (burst - 1);
        _due = long.MinValue;
    }

    public int PerSecond { get; }

    public int Burst { get; }

    /// <summary>Takes the next start slot: how long the caller waits before starting (zero within the burst).</summary>
    public TimeSpan Reserve()
    {
        var now = _time.GetTimestamp();
        long slot;
        lock (_gate)
        {
            // An idle bucket refills up to the burst; never earlier than that.
            slot = Math.Max(_due, now - _burstTolerance);
            _due = slot + _interval;
        }
        return slot <= now ? TimeSpan.Zero : _time.GetElapsedTime(now, slot);
    }
}
