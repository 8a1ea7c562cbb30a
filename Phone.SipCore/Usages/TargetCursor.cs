using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;

namespace Phone.SipCore.Usages;

/// <summary>
/// The ordered targets of an account's server (RFC 3263) with failover: resolved on first
/// use, advanced on timeout or 503, resolved again once every target has failed.
/// </summary>
public sealed class TargetCursor(SipTargetResolver resolver, SipAccount account)
{
    // Replaced whole on each resolution; read by the line's trust policy on the receive path.
    private volatile SipTargetList? _targets;

    /// <summary>Every target of the last resolution (each SRV target's A/AAAA), the current one included.</summary>
    public IReadOnlyList<SipTarget> Known => _targets?.Targets ?? [];

    /// <summary>The endpoint to send to now.</summary>
    public async Task<SipEndPoint> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_targets is null || _targets.IsExhausted)
        {
            var (host, port) = SplitProxy(account);
            _targets = await resolver.ResolveAsync(host, port, account.Transport, cancellationToken).ConfigureAwait(false);
        }
        var target = _targets.Current!;
        return new SipEndPoint(target.Transport, target.EndPoint);
    }

    /// <summary>
    /// The current target failed (timeout, 503): the next request tries the next one. Returns
    /// false when none is left; the list is then resolved afresh on the next use.
    /// </summary>
    public bool Fail() => _targets is not null && _targets.MoveNext();

    private static (string Host, int? Port) SplitProxy(SipAccount account)
    {
        if (string.IsNullOrWhiteSpace(account.OutboundProxy))
        {
            return (account.Domain, account.Port);
        }
        var proxy = account.OutboundProxy.Trim();
        // [v6]:port, v4:port or host:port; a bare IPv6 literal has several colons and no port.
        if (proxy.StartsWith('['))
        {
            var close = proxy.IndexOf(']', StringComparison.Ordinal);
            var rest = proxy[(close + 1)..];
            return (proxy[1..close], rest.StartsWith(':') && int.TryParse(rest[1..], out var p6) ? p6 : null);
        }
        var colon = proxy.LastIndexOf(':');
        if (colon > 0 && proxy.IndexOf(':', StringComparison.Ordinal) == colon && int.TryParse(proxy[(colon + 1)..], out var port))
        {
            return (proxy[..colon], port);
        }
        return (proxy, null);
    }
}
