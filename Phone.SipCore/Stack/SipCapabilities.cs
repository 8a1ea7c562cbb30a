namespace Phone.SipCore.Stack;

/// <summary>
/// What the user agent takes, as its usages register it: the methods for Allow and the event
/// packages for Allow-Events (RFC 3261 20.5, RFC 6665 8.2.2). The stack itself adds only what
/// it answers alone (ACK, CANCEL, OPTIONS); nothing here is hard-coded for a package.
/// </summary>
public sealed class SipCapabilities
{
    private static readonly string[] StackMethods = ["ACK", "CANCEL", "OPTIONS"];

    private readonly Dictionary<string, int> _methods = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    // The header values, made again when a name comes or goes and read without the lock: every
    // REGISTER and SUBSCRIBE reads them, and at start 1,000 lines' agents add their usages on one
    // thread while the first requests go out on others. Behind the lock, the readers spun on it
    // and sorted the names for each request (about a tenth of the pool's CPU during a 1,000-line
    // start; docs/performance.md, "Target 5").
    private volatile string _allow = string.Join(", ", StackMethods);
    private volatile string? _allowEvents;

    /// <summary>Adds methods and packages until the returned handle is disposed (counted, so usages can overlap).</summary>
    public IDisposable Add(IEnumerable<string> methods, IEnumerable<string> packages)
    {
        var m = methods.ToArray();
        var p = packages.ToArray();
        lock (_gate)
        {
            if (Change(_methods, m, +1) | Change(_packages, p, +1))
            {
                Publish();
            }
        }
        return new Registration(this, m, p);
    }

    /// <summary>The Allow header value: the stack's own methods, then the registered ones.</summary>
    public string Allow => _allow;

    /// <summary>The Allow-Events value, or null when no usage takes an event package.</summary>
    public string? AllowEvents => _allowEvents;

    /// <summary>Makes the header values from the names; called under the lock when a name came or went.</summary>
    private void Publish()
    {
        _allow = string.Join(", ", StackMethods.Concat(_methods.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase));
        _allowEvents = _packages.Count == 0 ? null : string.Join(", ", _packages.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Counts the names up or down; true when a name came or went (the header values change).</summary>
    private static bool Change(Dictionary<string, int> counts, string[] names, int delta)
    {
        var changed = false;
        foreach (var name in names)
        {
            var before = counts.GetValueOrDefault(name);
            var count = before + delta;
            if (count <= 0)
            {
                changed |= counts.Remove(name);
            }
            else
            {
                counts[name] = count;
                changed |= before == 0;
            }
        }
        return changed;
    }

    private sealed class Registration(SipCapabilities owner, string[] methods, string[] packages) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
            lock (owner._gate)
            {
                if (Change(owner._methods, methods, -1) | Change(owner._packages, packages, -1))
                {
                    owner.Publish();
                }
            }
        }
    }
}
