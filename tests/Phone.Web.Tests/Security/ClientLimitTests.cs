using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Phone.TestSupport;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

/// <summary>The API/hub rate limit per client, and who counts as the client behind a proxy.</summary>
public sealed class ClientLimitTests
{
    private const string Proxy = "192.0.2.50";

    [Fact]
    public async Task Api_requests_past_the_limit_get_429_with_retry_after_and_pages_are_not_limited()
    {
        using var factory = Limited(new PhoneWebFactory());
        using var client = factory.CreateAdminClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);
        }
        var refused = await client.GetAsync("/api/lines");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/hubs/status/negotiate")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lines")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_known_proxy_two_clients_are_limited_separately_by_their_forwarded_address()
    {
        using var factory = Limited(new PhoneWebFactory()).WithSetting(KnownProxies.Key, $"10.9.0.0/16, {Proxy}");
        var server = factory.Server;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, await ApiStatusAsync(server, from: Proxy, forwardedFor: "203.0.113.1"));
        }
        Assert.Equal(429, await ApiStatusAsync(server, from: Proxy, forwardedFor: "203.0.113.1"));
        // Another client through the same proxy, and through a proxy of the configured network.
        Assert.Equal(200, await ApiStatusAsync(server, from: Proxy, forwardedFor: "203.0.113.2"));
        Assert.Equal(200, await ApiStatusAsync(server, from: "10.9.3.4", forwardedFor: "203.0.113.3"));
        // A client writing its own X-Forwarded-For gets no further: only the proxy's entry counts.
        Assert.Equal(429, await ApiStatusAsync(server, from: Proxy, forwardedFor: "198.51.100.7, 203.0.113.1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Proxy)]
    public async Task From_a_source_that_is_no_known_proxy_the_forwarded_address_is_ignored(string? knownProxy)
    {
        using var factory = Limited(new PhoneWebFactory()).WithSetting(KnownProxies.Key, knownProxy);
        var server = factory.Server;
        const string source = "198.51.100.20";

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, await ApiStatusAsync(server, from: source, forwardedFor: $"203.0.113.{i + 1}"));
        }

        // A new X-Forwarded-For does not make a new client: the limit keys on the connection.
        Assert.Equal(429, await ApiStatusAsync(server, from: source, forwardedFor: "203.0.113.99"));
        Assert.Equal(200, await ApiStatusAsync(server, from: "198.51.100.21", forwardedFor: "203.0.113.99"));
    }

    [Fact]
    public async Task The_login_throttle_keys_on_the_forwarded_client_behind_a_known_proxy()
    {
        using var factory = new PhoneWebFactory().WithSetting(KnownProxies.Key, Proxy);
        var server = factory.Server;

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.Equal(401, await ApiStatusAsync(server, from: Proxy, forwardedFor: "203.0.113.1", password: "wrong"));
        }

        Assert.Equal(429, await ApiStatusAsync(server, from: Proxy, forwardedFor: "203.0.113.1"));
        Assert.Equal(200, await ApiStatusAsync(server, from: Proxy, forwardedFor: "203.0.113.2"));
    }

    [Theory]
    [InlineData("10.0.0.1", 1, 0)]
    [InlineData("10.0.0.0/8,::1 ; 2001:db8::/32", 1, 2)]
    public void Known_proxies_are_addresses_and_networks(string value, int proxies, int networks)
    {
        var options = KnownProxies.FromConfiguration(Configuration((KnownProxies.Key, value)))!;

        Assert.Equal(proxies, options.KnownProxies.Count);
        Assert.Equal(networks, options.KnownIPNetworks.Count);
        Assert.Null(KnownProxies.FromConfiguration(Configuration()));
        var list = KnownProxies.FromConfiguration(Configuration(($"{KnownProxies.Key}:0", "10.0.0.1"), ($"{KnownProxies.Key}:1", "10.1.0.0/16")))!;
        Assert.Single(list.KnownProxies);
        Assert.Single(list.KnownIPNetworks);
    }

    [Theory]
    [InlineData(KnownProxies.Key, "proxy.example")]
    [InlineData(KnownProxies.Key, "10.0.0.0/33")]
    [InlineData(ApiRateLimit.PermitLimitKey, "0")]
    [InlineData(ApiRateLimit.WindowSecondsKey, "ten")]
    public void A_bad_setting_stops_the_start_naming_its_key(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            KnownProxies.FromConfiguration(Configuration((key, value)));
            ApiRateLimit.FromConfiguration(Configuration((key, value)));
        });

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static PhoneWebFactory Limited(PhoneWebFactory factory) =>
        factory.WithSetting(ApiRateLimit.PermitLimitKey, "3").WithSetting(ApiRateLimit.WindowSecondsKey, "60");

    /// <summary>One API request as if it came from <paramref name="from"/> (TestServer has no sockets).</summary>
    private static async Task<int> ApiStatusAsync(TestServer server, string from, string forwardedFor,
        string password = PhoneWebFactory.AdminPassword)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/api/status";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            c.Request.Headers.Authorization = PhoneWebFactory.BasicHeader(password: password).ToString();
        });
        return context.Response.StatusCode;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
