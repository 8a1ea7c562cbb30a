using System.Collections.Concurrent;

namespace Phone.Web.Hubs;

/// <summary>
/// How many status hub connections are open in each language. The broadcaster words a line
/// only for a language somebody listens in: with no page or client connected, a NOTIFY storm
/// costs no wording and no send at all.
/// </summary>
public sealed class HubAudience
{
    private readonly ConcurrentDictionary<string, int> _listeners = new(StringComparer.Ordinal);
    private int _connections;

    public void Joined(string culture)
    {
        _listeners.AddOrUpdate(culture, 1, static (_, count) => count + 1);
        Interlocked.Increment(ref _connections);
    }

    public void Left(string culture)
    {
        var before = 0;
        _listeners.AddOrUpdate(culture, 0, (_, count) =>
        {
            before = count;
            return Math.Max(0, count - 1);
        });
        if (before > 0)
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    /// <summary>Whether any connection is open: read for every line status, so it is one volatile read.</summary>
    public bool Anyone => Volatile.Read(ref _connections) > 0;

    /// <summary>Whether a connection in <paramref name="culture"/> is open now.</summary>
    public bool Listens(string culture) => _listeners.TryGetValue(culture, out var count) && count > 0;
}
