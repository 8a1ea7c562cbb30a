using System.Net;

namespace Phone.Web.Security;

/// <summary>
/// Counts failed sign-ins per client address (form and HTTP Basic alike). After
/// <see cref="MaxFailures"/> failures inside <see cref="Window"/> the address is refused,
/// even with the right password, until the window has passed since its last failure.
/// </summary>
/// <remarks>
/// An attempt that is about to hash a password first takes a place with <see cref="TryBegin"/>:
/// check and count are one step under one lock, and a client's failures plus its attempts in
/// flight never exceed <see cref="MaxFailures"/>. So twenty wrong passwords sent at once get at
/// most five hash evaluations, not twenty that all passed the check before any was counted.
/// </remarks>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Retry-After for an attempt refused only because the client's earlier ones are still being checked.</summary>
    public static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(1);

    // A scan of many addresses must not grow memory for ever.
    private const int MaxEntries = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        lock (_gate)
        {
            var key = Key(address);
            if (!_entries.TryGetValue(key, out var entry))
            {
                return null;
            }
            var blocked = BlockedFor(entry, time.GetUtcNow());
            if (entry is { Failures: 0, InFlight: 0 })
            {
                _entries.Remove(key);
            }
            return blocked;
        }
    }

    /// <summary>
    /// Admits one attempt to check a password, or says how long to wait. An admitted attempt
    /// must be ended with <see cref="End"/>.
    /// </summary>
    public bool TryBegin(IPAddress? address, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var entry = GetOrAdd(Key(address), now);
            if (BlockedFor(entry, now) is { } blocked)
            {
                retryAfter = blocked;
                return false;
            }
            if (entry.Failures + entry.InFlight >= MaxFailures)
            {
                retryAfter = BusyRetry;
                return false;
            }
            entry.InFlight++;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Ends an attempt admitted by <see cref="TryBegin"/>: a success clears the address, a failure counts.</summary>
    public void End(IPAddress? address, bool succeeded)
    {
        lock (_gate)
        {
            var key = Key(address);
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.InFlight = Math.Max(0, entry.InFlight - 1);
            }
            Record(key, succeeded);
        }
    }

    public void RecordFailure(IPAddress? address)
    {
        lock (_gate)
        {
            Record(Key(address), succeeded: false);
        }
    }

    public void RecordSuccess(IPAddress? address)
    {
        lock (_gate)
        {
            Record(Key(address), succeeded: true);
        }
    }

    private void Record(string key, bool succeeded)
    {
        var now = time.GetUtcNow();
        var entry = GetOrAdd(key, now);
        if (succeeded)
        {
            entry.Failures = 0;
        }
        else
        {
            ForgetIfExpired(entry, now);
            entry.Failures++;
            entry.Last = now;
        }
        if (entry is { Failures: 0, InFlight: 0 })
        {
            _entries.Remove(key);
        }
    }

    private Entry GetOrAdd(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (_entries.Count >= MaxEntries)
            {
                Prune(now);
            }
            entry = new Entry { Last = now };
            _entries[key] = entry;
        }
        return entry;
    }

    private static TimeSpan? BlockedFor(Entry entry, DateTimeOffset now)
    {
        ForgetIfExpired(entry, now);
        return entry.Failures >= MaxFailures ? entry.Last + Window - now : null;
    }

    private static void ForgetIfExpired(Entry entry, DateTimeOffset now)
    {
        if (entry.Last + Window <= now)
        {
            entry.Failures = 0;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.InFlight == 0 && entry.Last + Window <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    private sealed class Entry
    {
        public int Failures { get; set; }

        public int InFlight { get; set; }

        public DateTimeOffset Last { get; set; }
    }
}
