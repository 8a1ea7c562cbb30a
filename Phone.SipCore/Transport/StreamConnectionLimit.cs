using System.Net;
using Microsoft.Extensions.Logging;

namespace Phone.SipCore.Transport;

/// <summary>
/// The cap on simultaneous connections of one <see cref="StreamSipTransport"/>, inbound and outbound
/// together: a slot is taken before any socket work starts and given back when the connection ends.
/// </summary>
internal sealed class StreamConnectionLimit(int max, SipTransportKind kind, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(10);

    private int _used;
    private long _lastRefusalLog;
    private int _refusedSinceLog;

    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _used) <= max)
        {
            return true;
        }
        Interlocked.Decrement(ref _used);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _used);

    /// <summary>
    /// Logs an accept refused for lack of a slot. A flood of refused connects must not become a flood
    /// of log lines: one line per interval, with the count. Called from the accept loop only.
    /// </summary>
    public void LogRefusal(EndPoint? remote)
    {
        _refusedSinceLog++;
        var now = time.GetTimestamp();
        if (_lastRefusalLog != 0 && time.GetElapsedTime(_lastRefusalLog, now) < RefusalLogInterval)
        {
            return;
        }
        logger.LogWarning(
            "Refused {Count} {Kind} connection(s), the latest from {Remote}: the limit of {Max} connections is reached",
            _refusedSinceLog, kind, remote, max);
        _lastRefusalLog = now;
        _refusedSinceLog = 0;
    }
}
