using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Phone.SipCore.Configuration;

/// <summary>
/// Reads <see cref="PbxProfile.TrustedHosts"/>: a comma-separated list of IPv4/IPv6 addresses,
/// CIDR ranges and host names, e.g. <c>10.0.0.0/24, 2001:db8::/48, pbx2.example.com</c>.
/// White space around an entry and empty entries are ignored. The validator, the storage and
/// the SIP core all read the text through here, so they cannot disagree about what it trusts.
/// </summary>
public static class TrustedHostList
{
    /// <summary>More would be a sign the list is used as a firewall, which it is not.</summary>
    public const int MaxEntries = 32;

    /// <summary>Room for <see cref="MaxEntries"/> names of the longest DNS length (253) and their separators.</summary>
    public const int MaxTextLength = 8192;

    private const string Allowed = "is not a host name, IP address or CIDR range (e.g. pbx2.example.com, 10.0.0.5 or 10.0.0.0/24).";

    /// <summary>
    /// Parses <paramref name="text"/> (null or blank: no entries). On failure
    /// <paramref name="hosts"/> is empty and <paramref name="error"/> names the bad entry.
    /// </summary>
    public static bool TryParse(string? text, out IReadOnlyList<TrustedHost> hosts, out string? error)
    {
        hosts = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (text.Length > MaxTextLength)
        {
            error = $"the list may hold up to {MaxTextLength} characters; it has {text.Length}.";
            return false;
        }
        var parsed = new List<TrustedHost>();
        foreach (var raw in text.Split(','))
        {
            // A line break inside the value would break the config file it is exported to.
            if (raw.Any(char.IsControl))
            {
                error = $"'{Visible(raw.Trim(' '))}' holds a control character (such as a tab or a line break).";
                return false;
            }
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }
            if (!TryParseEntry(entry, out var host, out error))
            {
                return false;
            }
            parsed.Add(host);
        }
        if (parsed.Count > MaxEntries)
        {
            error = $"the list may hold up to {MaxEntries} entries; it has {parsed.Count}.";
            return false;
        }
        hosts = parsed;
        return true;
    }

    private static bool TryParseEntry(string entry, [NotNullWhen(true)] out TrustedHost? host, out string? error)
    {
        host = null;
        error = null;
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? entry : entry[..slash];
        if (!TryParseAddress(addressText, out var address))
        {
            if (slash < 0 && SipSyntax.IsHostName(entry))
            {
                host = new TrustedHost(null, entry.TrimEnd('.').ToLowerInvariant());
                return true;
            }
            error = $"'{entry}' {Allowed}";
            return false;
        }
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && !TryParsePrefix(entry[(slash + 1)..], bits, out prefix))
        {
            error = $"'{entry}' {Allowed}";
            return false;
        }
        var network = new IPNetwork(address, prefix);
        // IPNetwork clears the bits past the prefix; an entry that had some set was probably
        // meant as one host, so say so instead of silently trusting the whole range.
        if (!network.BaseAddress.Equals(address))
        {
            error = $"'{entry}' has address bits set past the /{prefix} prefix; the range is written {network}.";
            return false;
        }
        var trusted = AsIPv4WhenMapped(network);
        var widest = trusted.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 8 : 16;
        if (trusted.PrefixLength < widest)
        {
            // A range this wide trusts most of the network (0.0.0.0/0 trusts everyone), which
            // undoes the trust policy: the admin most likely meant the cluster's own range.
            error = $"'{entry}' is wider than /{widest}; list the servers' own addresses or range (e.g. 10.0.0.0/24).";
            return false;
        }
        host = new TrustedHost(trusted, null);
        return true;
    }

    /// <summary>A strict dotted-quad IPv4 address, or an IPv6 address (brackets allowed, no zone).</summary>
    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (SipSyntax.IsIPv4Address(text))
        {
            address = IPAddress.Parse(text);
            return true;
        }
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1];
        }
        // A zone (%eth0) names an interface of this phone, which no server address can share.
        if (!text.Contains(':') || text.Contains('%')
            || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        address = parsed;
        return true;
    }

    /// <summary>0 to <paramref name="bits"/>, in plain digits without a sign or a leading zero.</summary>
    private static bool TryParsePrefix(string text, int bits, out int prefix)
    {
        prefix = 0;
        return text.Length is >= 1 and <= 3 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= bits;
    }

    /// <summary><c>::ffff:10.0.0.0/120</c> is <c>10.0.0.0/24</c>, so it matches IPv4 peers as written.</summary>
    private static IPNetwork AsIPv4WhenMapped(IPNetwork network) =>
        network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96
            ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96)
            : network;

    private static string Visible(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }
        return builder.ToString();
    }
}
