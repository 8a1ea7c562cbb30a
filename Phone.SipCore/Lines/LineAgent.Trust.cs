using Phone.SipCore.SyncLog;
using System.Net;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;

namespace Phone.SipCore.Lines;

/// <summary>The line's side of the trust policy: what it trusts, and what it records of a refusal.</summary>
public sealed partial class LineAgent
{
    /// <summary>Refusals written to the sync log per minute; the rest are counted and summed up.</summary>
    public const int RefusalsLoggedPerMinute = 10;

    private DateTimeOffset _refusalWindow;
    private int _refusalsLogged;
    private int _refusalsUnlogged;

    /// <summary>Whether requests from <paramref name="source"/> count as this line's server now (diagnostics, tests).</summary>
    public bool IsServer(SipEndPoint source) => _trust.IsServer(source);

    /// <summary>A request refused with 403 (on the queue): count it, log it (bounded), publish.</summary>
    private void OnRefused(SipEndPoint source, string attempt)
    {
        if (_stopped)
        {
            return;
        }
        var now = _context.Time.GetUtcNow();
        if (now - _refusalWindow >= TimeSpan.FromMinutes(1))
        {
            if (_refusalsUnlogged > 0)
            {
                Log(SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Failed,
                    SyncLogEvent.Of(SyncLogCode.RequestsRefusedMore, SyncLogArg.Text(_refusalsUnlogged)));
            }
            _refusalWindow = now;
            _refusalsLogged = 0;
            _refusalsUnlogged = 0;
        }
        if (_refusalsLogged < RefusalsLoggedPerMinute)
        {
            _refusalsLogged++;
            Log(SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Failed,
                SyncLogEvent.Of(SyncLogCode.RequestRefused, SyncLogArg.Text(attempt), SyncLogArg.Text(source.EndPoint.ToString())));
        }
        else
        {
            _refusalsUnlogged++;
        }
        Publish(_status with { RefusedRequests = _status.RefusedRequests + 1 });
    }

    /// <summary>
    /// The registrar's own addresses when requests go through an outbound proxy (the registrar
    /// may still send NOTIFYs itself), and the profile's trusted host names.
    /// </summary>
    private async Task ResolveTrustedNamesAsync()
    {
        var names = TrustedNames(_config);
        if (!string.IsNullOrWhiteSpace(_config.Settings.OutboundProxy))
        {
            names = [.. names, _config.Settings.RegistrarHost];
        }
        if (names.Count == 0)
        {
            return;
        }
        var addresses = new List<IPAddress>();
        foreach (var name in names)
        {
            try
            {
                var port = _config.Settings.RegistrarHost == name ? (int?)null : SipTargetResolver.DefaultPort;
                var targets = await _context.Resolver.ResolveAsync(name, port, _config.Settings.Transport).ConfigureAwait(false);
                addresses.AddRange(targets.Targets.Select(t => t.EndPoint.Address));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogInformation("Line {Line}: trusted host {Name} did not resolve: {Message}", Line, name, ex.Message);
            }
        }
        _trust.SetResolvedAddresses(addresses);
    }

    /// <summary>The profile's extra trusted addresses and ranges (validated when saved; an unreadable list trusts nothing more).</summary>
    private static IReadOnlyList<IPNetwork> TrustedRanges(LineConfiguration config) =>
        [.. TrustedHosts(config).Where(h => h.Network is not null).Select(h => h.Network!.Value)];

    /// <summary>The profile's extra trusted host names, resolved with each new registration.</summary>
    private static IReadOnlyList<string> TrustedNames(LineConfiguration config) =>
        [.. TrustedHosts(config).Where(h => h.HostName is not null).Select(h => h.HostName!)];

    private static IReadOnlyList<TrustedHost> TrustedHosts(LineConfiguration config) =>
        TrustedHostList.TryParse(config.Profile?.TrustedHosts, out var hosts, out _) ? hosts : [];

    private static bool CallsOnlyFromServer(LineConfiguration config) => config.Settings.AcceptCallsOnlyFromServer;
}
