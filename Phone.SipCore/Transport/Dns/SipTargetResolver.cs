using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Phone.SipCore.Transport.Dns;

/// <summary>
/// RFC 3263 server location without NAPTR: the transport is already chosen (from the URI or the
/// line's settings), so resolution is SRV for that transport, then A/AAAA for each SRV target, or
/// A/AAAA at the default port when there is no SRV. Numeric hosts and explicit ports skip SRV
/// (RFC 3263 4.2).
/// </summary>
public sealed class SipTargetResolver
{
    public const int DefaultPort = 5060;
    public const int DefaultTlsPort = 5061;

    private readonly IDnsQuery _dns;
    private readonly Random _random;
    private readonly ILogger _logger;

    /// <param name="dns">DNS client; see <see cref="CreateLookupClient"/>.</param>
    /// <param name="random">Source for RFC 2782 weighted selection; tests pass a seeded one.</param>
    public SipTargetResolver(IDnsQuery dns, Random? random = null, ILogger<SipTargetResolver>? logger = null)
    {
        _dns = dns ?? throw new ArgumentNullException(nameof(dns));
        _random = random ?? Random.Shared;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// A DnsClient lookup client that asks only <paramref name="nameServers"/> (the phone's configured
    /// DNS, or a test server on loopback), without caching: SIP failover must see fresh answers and
    /// the registration refresh interval already bounds the query rate.
    /// </summary>
    public static LookupClient CreateLookupClient(IReadOnlyList<IPEndPoint> nameServers, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(nameServers);
        if (nameServers.Count == 0)
        {
            throw new ArgumentException("At least one name server is needed.", nameof(nameServers));
        }
        var options = new LookupClientOptions(nameServers.ToArray())
        {
            UseCache = false,
            Retries = 1,
            Timeout = timeout ?? TimeSpan.FromSeconds(3),
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            AutoResolveNameServers = false,
        };
        return new LookupClient(options);
    }

    /// <summary>The SRV owner name RFC 3263 4.1 / 4.2 queries for this transport.</summary>
    public static string SrvName(string host, SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => "_sip._udp." + host,
        SipTransportKind.Tcp => "_sip._tcp." + host,
        SipTransportKind.Tls => "_sips._tcp." + host,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    public static int DefaultPortFor(SipTransportKind transport) =>
        transport == SipTransportKind.Tls ? DefaultTlsPort : DefaultPort;

    /// <summary>
    /// Resolves <paramref name="host"/> (a name, an IPv4 address, or an IPv6 address with or without
    /// brackets) into targets in the order to try them.
    /// </summary>
    /// <exception cref="SipResolutionException">The host is invalid or cannot be resolved.</exception>
    public async Task<SipTargetList> ResolveAsync(
        string host,
        int? port,
        SipTransportKind transport,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim();
        if (port is < 1 or > 65535)
        {
            throw new SipResolutionException(host, SipResolutionFailure.InvalidHost, $"Port {port} of '{host}' is out of range.");
        }
        if (TryParseNumeric(name, out var address))
        {
            // RFC 3263 4.2: a numeric IP is contacted directly, at the given or default port.
            var endPoint = new IPEndPoint(address, port ?? DefaultPortFor(transport));
            return new SipTargetList(host, [new SipTarget(endPoint, transport, address.ToString())]);
        }
        name = name.TrimEnd('.');
        if (!IsHostName(name))
        {
            throw new SipResolutionException(host, SipResolutionFailure.InvalidHost, $"'{host}' is not a valid host name.");
        }

        if (port is not null)
        {
            // RFC 3263 4.2: an explicit port means no SRV lookup, only A/AAAA.
            var targets = await ResolveAddressesAsync(name, port.Value, transport, cancellationToken).ConfigureAwait(false);
            return new SipTargetList(host, targets);
        }

        var srvName = SrvName(name, transport);
        var srv = await QueryAsync(srvName, QueryType.SRV, host, cancellationToken).ConfigureAwait(false);
        var records = srv.Answers.SrvRecords().ToList();
        if (records.Count == 0)
        {
            // RFC 3263 4.2: no SRV records, so use A/AAAA with the transport's default port.
            _logger.LogDebug("No SRV for {SrvName}; falling back to A/AAAA of {Host}", srvName, name);
            var targets = await ResolveAddressesAsync(name, DefaultPortFor(transport), transport, cancellationToken).ConfigureAwait(false);
            return new SipTargetList(host, targets);
        }
        if (records.Count == 1 && IsRootTarget(records[0].Target.Value))
        {
            throw new SipResolutionException(
                host, SipResolutionFailure.ServiceNotAvailable, $"{srvName} says SIP over {transport} is not offered (SRV target \".\").");
        }

        var ordered = SrvRecordOrder.Order(
            records.Where(r => !IsRootTarget(r.Target.Value))
                   .Select(r => new SrvEntry(r.Priority, r.Weight, r.Port, r.Target.Value.TrimEnd('.'))),
            _random);
        var all = new List<SipTarget>();
        var failures = new List<string>();
        foreach (var entry in ordered)
        {
            try
            {
                all.AddRange(await ResolveAddressesAsync(entry.Target, entry.Port, transport, cancellationToken).ConfigureAwait(false));
            }
            catch (SipResolutionException ex) when (ex.Failure != SipResolutionFailure.DnsError)
            {
                // RFC 3263 4.4 / RFC 2782: a target that does not resolve is skipped, the rest still serve.
                _logger.LogWarning("SRV target {Target} of {SrvName} skipped: {Reason}", entry.Target, srvName, ex.Message);
                failures.Add(ex.Message);
            }
        }
        var distinct = all.DistinctBy(t => (t.EndPoint, t.Transport)).ToList();
        if (distinct.Count == 0)
        {
            throw new SipResolutionException(
                host, SipResolutionFailure.NoAddresses, $"No SRV target of {srvName} has an address: {string.Join("; ", failures)}");
        }
        return new SipTargetList(host, distinct);
    }

    private async Task<List<SipTarget>> ResolveAddressesAsync(
        string name, int port, SipTransportKind transport, CancellationToken cancellationToken)
    {
        // Ask both families at once; IPv4 is tried first because a phone's IPv6 path is the one
        // more often half-configured.
        var aTask = QueryAsync(name, QueryType.A, name, cancellationToken);
        var aaaaTask = QueryAsync(name, QueryType.AAAA, name, cancellationToken);
        var a = await aTask.ConfigureAwait(false);
        var aaaa = await aaaaTask.ConfigureAwait(false);

        var targets = a.Answers.ARecords().Select(r => r.Address)
            .Concat(aaaa.Answers.AaaaRecords().Select(r => r.Address))
            .Distinct()
            .Select(address => new SipTarget(new IPEndPoint(address, port), transport, name))
            .ToList();
        if (targets.Count > 0)
        {
            return targets;
        }
        if (a.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
            && aaaa.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
        {
            throw new SipResolutionException(name, SipResolutionFailure.NoSuchDomain, $"DNS: no such domain '{name}' (NXDOMAIN).");
        }
        throw new SipResolutionException(name, SipResolutionFailure.NoAddresses, $"DNS: '{name}' has no A or AAAA record.");
    }

    private async Task<IDnsQueryResponse> QueryAsync(string name, QueryType type, string host, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _dns.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex)
        {
            throw new SipResolutionException(host, SipResolutionFailure.DnsError, $"DNS {type} query for '{name}' failed: {ex.Message}", ex)
            {
                Detail = $"{type}: {ex.Message}",
            };
        }
        // NXDOMAIN is an answer, not a failure: the caller decides (an SRV name may not exist while
        // the host does). Anything else with an error code means the server could not answer.
        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            throw new SipResolutionException(
                host, SipResolutionFailure.DnsError, $"DNS {type} query for '{name}' failed: {response.Header.ResponseCode} {response.ErrorMessage}")
            {
                Detail = $"{type}: {response.Header.ResponseCode} {response.ErrorMessage}",
            };
        }
        return response;
    }

    // RFC 3261 25.1 hostname, loosened to allow '_' because LAN PBX names sometimes carry one.
    private static bool IsHostName(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsRootTarget(string target) => target is "." or "";

    // IPAddress.TryParse accepts legacy forms such as "10" or "1.2" as IPv4; a SIP host that looks
    // like that is a name, so IPv4 must be four dotted decimals (RFC 3261 25.1 IPv4address).
    private static bool TryParseNumeric(string host, out IPAddress address)
    {
        address = IPAddress.None;
        var text = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (text.Contains(':'))
        {
            if (IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                address = v6;
                return true;
            }
            return false;
        }
        var parts = text.Split('.');
        if (parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit))
            && IPAddress.TryParse(text, out var v4))
        {
            address = v4;
            return true;
        }
        return false;
    }
}
