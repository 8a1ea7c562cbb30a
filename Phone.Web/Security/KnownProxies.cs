using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Phone.Web.Security;

/// <summary>
/// <c>FeatureSync:Web:KnownProxies</c>: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed (addresses or CIDR networks, as a list or one
/// comma-separated value). Nobody by default: then a client could claim any address and walk
/// past the per-client limits.
/// </summary>
internal static class KnownProxies
{
    public const string Key = "FeatureSync:Web:KnownProxies";

    /// <summary>
    /// The forwarded-header options for the configured proxies, or null when none are, in which
    /// case the headers must not be read at all: ASP.NET Core's middleware with empty
    /// KnownProxies and KnownIPNetworks believes every source.
    /// </summary>
    public static ForwardedHeadersOptions? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Key);
        var entries = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk back through a chain of known proxies and stop at the first address that is not
            // one: what a client wrote to the left of that is never believed.
            ForwardLimit = null,
        };
        // The defaults trust loopback; only what is configured counts.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Key}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }
        return options;
    }
}
