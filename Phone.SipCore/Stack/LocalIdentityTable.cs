using System.Collections.Concurrent;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Stack;

/// <summary>
/// Finds the identity an out-of-dialog request is for: by the Request-URI's <c>line</c>
/// token first (the Contact we registered), then by user part when exactly one identity has it.
/// </summary>
public sealed class LocalIdentityTable
{
    private readonly ConcurrentDictionary<LocalIdentity, byte> _identities = new(ReferenceEqualityComparer.Instance);

    public int Count => _identities.Count;

    public IDisposable Add(LocalIdentity identity)
    {
        _identities[identity] = 0;
        return new Removal(this, identity);
    }

    /// <summary>The identity for <paramref name="requestUri"/>; <paramref name="ambiguous"/> when several share its user and no token decides.</summary>
    public LocalIdentity? Find(SipUri? requestUri, out bool ambiguous)
    {
        ambiguous = false;
        if (requestUri is null)
        {
            return null;
        }
        if (requestUri.Parameters.Get(LocalIdentity.TokenParameter) is { Length: > 0 } token)
        {
            // Enumerating the dictionary itself: its Keys property would copy every identity per request.
            foreach (var (identity, _) in _identities)
            {
                if (string.Equals(identity.Token, token, StringComparison.Ordinal))
                {
                    return identity;
                }
            }
        }
        var user = requestUri.UnescapedUser;
        if (user is null)
        {
            return null;
        }
        LocalIdentity? found = null;
        foreach (var (identity, _) in _identities)
        {
            if (!string.Equals(identity.User, user, StringComparison.Ordinal))
            {
                continue;
            }
            if (found is not null)
            {
                ambiguous = true;
                return null;
            }
            found = identity;
        }
        return found;
    }

    private sealed class Removal(LocalIdentityTable table, LocalIdentity identity) : IDisposable
    {
        public void Dispose() => table._identities.TryRemove(identity, out _);
    }
}
