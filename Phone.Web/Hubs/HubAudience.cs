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

    public void Joined(string culture) => _listeners.AddOrUpdate(culture, 1, static (_, count) => count + 1);

    public void Left(string culture) => _listeners.AddOrUpdate(culture, 0, static (_, count) => Math.Max(0, count - 1));

    /// <summary>Whether a connection in <paramref name="culture"/> is open now.</summary>
    public bool Listens(string culture) => _listeners.TryGetValue(culture, out var count) && count > 0;
}
