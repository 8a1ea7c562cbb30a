using System.Net;

namespace Phone.SipCore.Configuration;

/// <summary>
/// One entry of a PBX profile's trusted hosts (<see cref="PbxProfile.TrustedHosts"/>): either an
/// address range (a single address is a /32 or /128) or a host name, never both. Made by
/// <see cref="TrustedHostList.TryParse"/>.
/// </summary>
/// <param name="Network">The range, or null for a host name. IPv4-mapped IPv6 entries are stored as IPv4.</param>
/// <param name="HostName">The name in lower case without a trailing dot, or null for a range.</param>
public sealed record TrustedHost(IPNetwork? Network, string? HostName)
{
    /// <summary>
    /// Whether <paramref name="address"/> lies in <see cref="Network"/>. Always false for a host
    /// name: resolving it is the caller's business, so this never blocks on DNS.
    /// </summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Network is not { } network)
        {
            return false;
        }
        // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d; it is still that IPv4 peer.
        return network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    /// <summary>The entry as an administrator would write it: <c>10.0.0.0/24</c> or <c>pbx2.example.com</c>.</summary>
    public override string ToString() => Network?.ToString() ?? HostName ?? "";
}
