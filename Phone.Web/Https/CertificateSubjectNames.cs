using System.Net;
using Microsoft.AspNetCore.Http;

namespace Phone.Web.Https;

/// <summary>
/// The names a browser may reach the phone by, for the generated certificate's
/// SubjectAltName: the machine's host name, <c>localhost</c>, both loopback addresses and
/// every host or address a listen URL names explicitly (wildcards such as <c>+</c> or
/// <c>0.0.0.0</c> name none).
/// </summary>
public sealed record CertificateSubjectNames(string HostName, IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses)
{
    public const string Localhost = "localhost";

    /// <summary>From <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) and <c>Kestrel:Endpoints:*:Url</c>.</summary>
    public static CertificateSubjectNames FromConfiguration(IConfiguration configuration, string hostName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return FromHosts([hostName, Localhost, .. urls.Select(HostOf).OfType<string>()], hostName);
    }

    private static CertificateSubjectNames FromHosts(IEnumerable<string> hosts, string hostName)
    {
        var dns = new List<string>();
        var addresses = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
            {
                if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any) && !addresses.Contains(address))
                {
                    addresses.Add(address);
                }
            }
            else if (Uri.CheckHostName(host) == UriHostNameType.Dns && !dns.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                dns.Add(host);
            }
        }
        return new CertificateSubjectNames(hostName, dns, addresses);
    }

    /// <summary>The host of a listen URL; null for a wildcard or a URL Kestrel will reject itself.</summary>
    private static string? HostOf(string url)
    {
        try
        {
            var host = BindingAddress.Parse(url).Host;
            return host is "+" or "*" ? null : host;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
