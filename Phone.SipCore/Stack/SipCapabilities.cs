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

    /// <summary>Adds methods and packages until the returned handle is disposed (counted, so usages can overlap).</summary>
    public IDisposable Add(IEnumerable<string> methods, IEnumerable<string> packages)
    {
        var m = methods.ToArray();
        var p = packages.ToArray();
        lock (_gate)
        {
            Change(_methods, m, +1);
            Change(_packages, p, +1);
        }
        return new Registration(this, m, p);
    }

    /// <summary>The Allow header value: the stack's own methods, then the registered ones.</summary>
    public string Allow
    {
        get
        {
            lock (_gate)
            {
                return string.Join(", ", StackMethods.Concat(_methods.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase));
            }
        }
    }

    /// <summary>The Allow-Events value, or null when no usage takes an event package.</summary>
    public string? AllowEvents
    {
        get
        {
            lock (_gate)
            {
                return _packages.Count == 0 ? null : string.Join(", ", _packages.Keys.Order(StringComparer.Ordinal));
            }
        }
    }

    private static void Change(Dictionary<string, int> counts, string[] names, int delta)
    {
        foreach (var name in names)
        {
            var count = counts.GetValueOrDefault(name) + delta;
            if (count <= 0)
            {
                counts.Remove(name);
            }
            else
            {
                counts[name] = count;
            }
        }
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
                Change(owner._methods, methods, -1);
                Change(owner._packages, packages, -1);
            }
        }
    }
}
