using System.Net;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Stack;

/// <summary>
/// Logs the messages the stack drops without letting hostile traffic flood the log: per source
/// address the first few drops of a window are logged in full, the rest are counted and told in
/// one summary line per source when the window ends (on the next drop after it, or by a timer
/// from <see cref="TimeProvider"/>). Memory is bounded by <see cref="DropLogLimits.MaxSources"/>;
/// text from the wire is escaped and cut (<see cref="WireText.ForLog"/>). The counts by reason
/// are kept for the life of the stack, for the Troubleshooting page.
/// </summary>
public sealed class DropLog : IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DropLogLimits _limits;
    private readonly Lock _gate = new();
    private readonly DropTally _total = new();
    private readonly Dictionary<IPAddress, DropTally> _sources = [];
    // Sources in the order they first dropped in this window, to evict the oldest.
    private readonly Queue<IPAddress> _arrival = new();
    private DropTally _overflow = new();
    private DateTimeOffset? _windowStart;
    private int _fullInWindow;
    private ITimer? _timer;
    private bool _disposed;

    public DropLog(ILogger logger, TimeProvider time, DropLogLimits? limits = null)
    {
        _logger = logger;
        _time = time;
        _limits = limits ?? new DropLogLimits();
    }

    /// <summary>Drops since the start, by <see cref="SipParseError"/> name; only reasons that occurred.</summary>
    public IReadOnlyDictionary<string, long> Counts
    {
        get
        {
            lock (_gate)
            {
                return _total.ByReason().ToDictionary(r => r.Error.ToString(), r => r.Count);
            }
        }
    }

    /// <summary>Records one dropped message; logs it in full while its source and the window have room.</summary>
    public void Dropped(SipEndPoint source, SipParseError error, string reason)
    {
        ArgumentNullException.ThrowIfNull(source);
        List<Summary>? summaries = null;
        bool full;
        lock (_gate)
        {
            _total.Count(error);
            var now = _time.GetUtcNow();
            if (_windowStart is { } start && now - start >= _limits.Window)
            {
                summaries = CloseWindow();
            }
            if (_windowStart is null && !_disposed)
            {
                _windowStart = now;
                _timer ??= _time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timer.Change(_limits.Window, Timeout.InfiniteTimeSpan);
            }
            var tally = Track(source.EndPoint.Address);
            full = tally.Logged < _limits.FullPerSource && _fullInWindow < _limits.FullPerWindow;
            if (full)
            {
                tally.Logged++;
                _fullInWindow++;
            }
            else
            {
                tally.Count(error); // held back for the summary
            }
        }
        // Logged outside the lock: a slow log sink must not hold up other receive threads.
        Write(summaries);
        if (full)
        {
            _logger.LogInformation("Dropped a message from {Remote}: {Reason}", source, WireText.ForLog(reason));
        }
    }

    private DropTally Track(IPAddress address)
    {
        if (_sources.TryGetValue(address, out var tally))
        {
            return tally;
        }
        if (_sources.Count >= _limits.MaxSources)
        {
            // The oldest source's count is not lost: it goes into the one overflow summary.
            var oldest = _arrival.Dequeue();
            _overflow.Add(_sources[oldest]);
            _sources.Remove(oldest);
        }
        tally = new DropTally();
        _sources.Add(address, tally);
        _arrival.Enqueue(address);
        return tally;
    }

    private void OnTimer()
    {
        List<Summary>? summaries = null;
        lock (_gate)
        {
            if (_windowStart is { } start)
            {
                var left = _limits.Window - (_time.GetUtcNow() - start);
                if (left > TimeSpan.Zero)
                {
                    _timer?.Change(left, Timeout.InfiniteTimeSpan); // fired early: wait out the window
                }
                else
                {
                    summaries = CloseWindow();
                }
            }
        }
        Write(summaries);
    }

    /// <summary>Ends the window: takes its summaries and forgets its sources. Called under the lock.</summary>
    private List<Summary> CloseWindow()
    {
        var summaries = _arrival
            .Select(a => (Address: a, Tally: _sources[a]))
            .Where(s => s.Tally.Total > 0)
            .Select(s => new Summary(s.Address.ToString(), s.Tally.Total, s.Tally.Reasons()))
            .ToList();
        if (_overflow.Total > 0)
        {
            summaries.Add(new Summary(null, _overflow.Total, _overflow.Reasons()));
        }
        _sources.Clear();
        _arrival.Clear();
        _overflow = new DropTally();
        _fullInWindow = 0;
        _windowStart = null;
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return summaries;
    }

    private void Write(List<Summary>? summaries)
    {
        foreach (var summary in summaries ?? [])
        {
            if (summary.Source is { } source)
            {
                _logger.LogInformation("{Count} more messages from {Source} dropped in the last minute: {Reasons}",
                    summary.Count, source, summary.Reasons);
            }
            else
            {
                _logger.LogInformation("{Count} more messages from other sources dropped in the last minute: {Reasons}",
                    summary.Count, summary.Reasons);
            }
        }
    }

    /// <summary>Stops the timer and writes what the current window still holds, so a stop loses no count.</summary>
    public void Dispose()
    {
        List<Summary>? summaries;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            summaries = _windowStart is null ? null : CloseWindow();
            _timer?.Dispose();
        }
        Write(summaries);
    }

    private readonly record struct Summary(string? Source, long Count, string Reasons);
}
