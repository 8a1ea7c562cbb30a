using System.Collections.Concurrent;
using System.Net;

namespace Phone.Web.Security;

/// <summary>
/// Counts failed sign-ins per client address (form and HTTP Basic alike). After
/// <see cref="MaxFailures"/> failures inside <see cref="Window"/> the address is refused,
/// even with the right password, until the window has passed since its last failure.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    /// <summary>How long the address must wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        if (!_failures.TryGetValue(Key(address), out var entry))
        {
            return null;
        }
        var now = time.GetUtcNow();
        var wait = entry.Last + Window - now;
        if (wait <= TimeSpan.Zero)
        {
            _failures.TryRemove(Key(address), out _);
            return null;
        }
        return entry.Count >= MaxFailures ? wait : null;
    }

    public void RecordFailure(IPAddress? address)
    {
        var now = time.GetUtcNow();
        _failures.AddOrUpdate(Key(address), _ => new Failures(1, now),
            (_, old) => old.Last + Window < now ? new Failures(1, now) : new Failures(old.Count + 1, now));
        // Bound the table: a scan of many addresses must not grow memory for ever.
        if (_failures.Count > 10_000)
        {
            foreach (var (key, value) in _failures)
            {
                if (value.Last + Window < now)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    public void RecordSuccess(IPAddress? address) => _failures.TryRemove(Key(address), out _);

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    private sealed record Failures(int Count, DateTimeOffset Last);
}
