namespace Phone.SipCore.Transport.Dns;

/// <summary>
/// The ordered targets for one request with a cursor. RFC 3263 4.3: when a target times out or a
/// transport error occurs, and (RFC 3263 4.3 / RFC 3261 21.5.4) on 503, the client tries the next
/// one. The list is fixed at resolution; each request's failover walks a list of its own.
/// </summary>
public sealed class SipTargetList
{
    private int _index;

    public SipTargetList(string domain, IReadOnlyList<SipTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            throw new ArgumentException("A target list needs at least one target.", nameof(targets));
        }
        Domain = domain;
        Targets = targets;
    }

    /// <summary>The host the request was for (the domain TLS must verify, RFC 5922 4.1).</summary>
    public string Domain { get; }

    /// <summary>Every target, in the order they are tried.</summary>
    public IReadOnlyList<SipTarget> Targets { get; }

    /// <summary>Position of <see cref="Current"/>, from 0.</summary>
    public int Index => _index;

    /// <summary>The target to use now; null once every target has failed.</summary>
    public SipTarget? Current => _index < Targets.Count ? Targets[_index] : null;

    /// <summary>True once every target has been tried and failed.</summary>
    public bool IsExhausted => _index >= Targets.Count;

    /// <summary>The current target failed (timeout, transport error, 503): move to the next one.
    /// Returns false when there is none left.</summary>
    public bool MoveNext()
    {
        if (_index < Targets.Count)
        {
            _index++;
        }
        return _index < Targets.Count;
    }
}
