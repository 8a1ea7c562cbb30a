using Phone.SipCore.Transport;
using System.Net;
using Phone.SipCore.Transport.Dns;

namespace Phone.SipCore.Tests.Transport;

public sealed class SipTargetResolverTests : IAsyncLifetime
{
    private readonly TestDnsServer _dns = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _dns.DisposeAsync();

    /// <summary>Returns scripted values from Next(max) so weighted selection is deterministic.</summary>
    private sealed class ScriptedRandom(params int[] values) : Random
    {
        private int _next;

        public List<int> Maxima { get; } = [];

        public override int Next(int maxValue)
        {
            Maxima.Add(maxValue);
            var value = values[_next++ % values.Length];
            Assert.InRange(value, 0, maxValue - 1);
            return value;
        }
    }

    private SipTargetResolver Resolver(Random? random = null) =>
        new(SipTargetResolver.CreateLookupClient([_dns.EndPoint], TimeSpan.FromSeconds(2)), random);

    private static string[] Describe(SipTargetList list) =>
        list.Targets.Select(t => $"{t.Transport} {t.EndPoint}").ToArray();

    private static async Task<SipTargetList> Resolve(SipTargetResolver resolver, string host, int? port, SipTransportKind transport)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await resolver.ResolveAsync(host, port, transport, cts.Token);
    }

    [Fact]
    public async Task SrvPriorityComesFirstThenEachTargetsAddresses()
    {
        _dns.AddSrv("_sip._udp.example.test", 20, 0, 5070, "backup.example.test")
            .AddSrv("_sip._udp.example.test", 10, 0, 5060, "primary.example.test")
            .AddA("primary.example.test", "127.0.0.11")
            .AddAaaa("primary.example.test", "::11")
            .AddA("backup.example.test", "127.0.0.12");

        var list = await Resolve(Resolver(), "example.test", null, SipTransportKind.Udp);

        Assert.Equal(["Udp 127.0.0.11:5060", "Udp [::11]:5060", "Udp 127.0.0.12:5070"], Describe(list));
        Assert.Equal("example.test", list.Domain);
        Assert.Equal("primary.example.test", list.Targets[0].HostName);
    }

    [Fact]
    public async Task EqualPriorityIsOrderedByWeightedRandomSelection()
    {
        // Within priority 10: weights a=10, b=30, c=60, zero-weight z placed first (RFC 2782).
        _dns.AddSrv("_sip._tcp.example.test", 10, 10, 5060, "a.example.test")
            .AddSrv("_sip._tcp.example.test", 10, 30, 5060, "b.example.test")
            .AddSrv("_sip._tcp.example.test", 10, 60, 5060, "c.example.test")
            .AddSrv("_sip._tcp.example.test", 10, 0, 5060, "z.example.test")
            .AddA("a.example.test", "127.0.0.1").AddA("b.example.test", "127.0.0.2")
            .AddA("c.example.test", "127.0.0.3").AddA("z.example.test", "127.0.0.4");
        // Running sums over [z0, a10, b40, c100]: pick 50 -> c; then [z0, a10, b40]: pick 11 -> b;
        // then [z0, a10]: pick 0 -> z; then [a10]: pick 7 -> a.
        var random = new ScriptedRandom(50, 11, 0, 7);

        var list = await Resolve(Resolver(random), "example.test", null, SipTransportKind.Tcp);

        Assert.Equal(["127.0.0.3", "127.0.0.2", "127.0.0.4", "127.0.0.1"], list.Targets.Select(t => t.EndPoint.Address.ToString()));
        // Each draw is uniform over 0..sum inclusive.
        Assert.Equal([101, 41, 11, 11], random.Maxima);
    }

    [Fact]
    public async Task WeightedSelectionFavoursHeavierRecordsOverManyRuns()
    {
        _dns.AddSrv("_sip._udp.example.test", 1, 90, 5060, "heavy.example.test")
            .AddSrv("_sip._udp.example.test", 1, 10, 5060, "light.example.test")
            .AddA("heavy.example.test", "127.0.0.1").AddA("light.example.test", "127.0.0.2");
        var resolver = Resolver(new Random(1234));

        var heavyFirst = 0;
        for (var i = 0; i < 100; i++)
        {
            var list = await Resolve(resolver, "example.test", null, SipTransportKind.Udp);
            heavyFirst += list.Targets[0].HostName == "heavy.example.test" ? 1 : 0;
        }

        Assert.InRange(heavyFirst, 75, 99);
    }

    [Theory]
    [InlineData(SipTransportKind.Udp, "_sip._udp.example.test", 5060)]
    [InlineData(SipTransportKind.Tcp, "_sip._tcp.example.test", 5060)]
    [InlineData(SipTransportKind.Tls, "_sips._tcp.example.test", 5061)]
    public async Task NoSrvFallsBackToAddressRecordsAtTheDefaultPort(SipTransportKind transport, string srvName, int port)
    {
        _dns.AddA("example.test", "127.0.0.7");

        var list = await Resolve(Resolver(), "example.test", null, transport);

        Assert.Equal([$"{transport} 127.0.0.7:{port}"], Describe(list));
        Assert.Contains($"{srvName} SRV", _dns.Questions);
    }

    [Fact]
    public async Task AaaaOnlyHostResolves()
    {
        _dns.AddAaaa("v6.example.test", "2001:db8::5");

        var list = await Resolve(Resolver(), "v6.example.test", null, SipTransportKind.Udp);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::5"), 5060), list.Targets.Single().EndPoint);
    }

    [Theory]
    [InlineData("192.0.2.10", null, "192.0.2.10:5060")]
    [InlineData("192.0.2.10", 5080, "192.0.2.10:5080")]
    [InlineData("[2001:db8::1]", null, "[2001:db8::1]:5060")]
    [InlineData("2001:db8::1", 5070, "[2001:db8::1]:5070")]
    public async Task NumericHostsAreUsedDirectlyWithoutDns(string host, int? port, string expected)
    {
        var list = await Resolve(Resolver(), host, port, SipTransportKind.Udp);

        Assert.Equal(expected, list.Targets.Single().EndPoint.ToString());
        Assert.Empty(_dns.Questions);
    }

    [Fact]
    public async Task NumericHostOverTlsDefaultsTo5061()
    {
        var list = await Resolve(Resolver(), "192.0.2.10", null, SipTransportKind.Tls);
        Assert.Equal(5061, list.Targets.Single().EndPoint.Port);
    }

    [Fact]
    public async Task ExplicitPortSkipsSrv()
    {
        _dns.AddSrv("_sip._udp.example.test", 10, 0, 5999, "elsewhere.example.test")
            .AddA("example.test", "127.0.0.8");

        var list = await Resolve(Resolver(), "example.test", 5080, SipTransportKind.Udp);

        Assert.Equal(["Udp 127.0.0.8:5080"], Describe(list));
        Assert.DoesNotContain(_dns.Questions, q => q.EndsWith(" SRV", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailoverWalksTheListUntilExhausted()
    {
        _dns.AddSrv("_sip._udp.example.test", 1, 0, 5060, "one.example.test")
            .AddSrv("_sip._udp.example.test", 2, 0, 5060, "two.example.test")
            .AddA("one.example.test", "127.0.0.1")
            .AddA("two.example.test", "127.0.0.2");

        var list = await Resolve(Resolver(), "example.test", null, SipTransportKind.Udp);

        Assert.Equal("127.0.0.1", list.Current!.EndPoint.Address.ToString());
        Assert.True(list.MoveNext()); // e.g. Timer B fired, or a 503
        Assert.Equal("127.0.0.2", list.Current!.EndPoint.Address.ToString());
        Assert.Equal(1, list.Index);
        Assert.False(list.MoveNext());
        Assert.True(list.IsExhausted);
        Assert.Null(list.Current);
        Assert.False(list.MoveNext());
    }

    [Fact]
    public async Task UnresolvableSrvTargetIsSkipped()
    {
        _dns.AddSrv("_sip._udp.example.test", 1, 0, 5060, "gone.example.test")
            .AddSrv("_sip._udp.example.test", 2, 0, 5062, "ok.example.test")
            .AddA("ok.example.test", "127.0.0.9");

        var list = await Resolve(Resolver(), "example.test", null, SipTransportKind.Udp);

        Assert.Equal(["Udp 127.0.0.9:5062"], Describe(list));
    }

    [Fact]
    public async Task NxDomainGivesAClearError()
    {
        var error = await Assert.ThrowsAsync<SipResolutionException>(
            () => Resolve(Resolver(), "nowhere.example.test", null, SipTransportKind.Udp));

        Assert.Equal(SipResolutionFailure.NoSuchDomain, error.Failure);
        Assert.Contains("no such domain 'nowhere.example.test'", error.Message);
    }

    [Fact]
    public async Task NameWithoutAddressesGivesAClearError()
    {
        // The name exists (it owns an SRV record) but has no A/AAAA: NODATA, not NXDOMAIN.
        _dns.AddSrv("noaddr.example.test", 1, 0, 5060, "x.example.test");

        var error = await Assert.ThrowsAsync<SipResolutionException>(
            () => Resolve(Resolver(), "noaddr.example.test", 5060, SipTransportKind.Udp));

        Assert.Equal(SipResolutionFailure.NoAddresses, error.Failure);
        Assert.Contains("'noaddr.example.test' has no A or AAAA record", error.Message);
    }

    [Fact]
    public async Task SrvWhoseTargetsAllFailGivesAClearError()
    {
        _dns.AddSrv("_sip._udp.example.test", 1, 0, 5060, "gone1.example.test")
            .AddSrv("_sip._udp.example.test", 2, 0, 5060, "gone2.example.test");

        var error = await Assert.ThrowsAsync<SipResolutionException>(
            () => Resolve(Resolver(), "example.test", null, SipTransportKind.Udp));

        Assert.Equal(SipResolutionFailure.NoAddresses, error.Failure);
        Assert.Contains("gone1.example.test", error.Message);
        Assert.Contains("gone2.example.test", error.Message);
    }

    [Fact]
    public async Task SrvTargetDotMeansServiceNotOffered()
    {
        _dns.AddSrv("_sips._tcp.example.test", 0, 0, 0, ".");

        var error = await Assert.ThrowsAsync<SipResolutionException>(
            () => Resolve(Resolver(), "example.test", null, SipTransportKind.Tls));

        Assert.Equal(SipResolutionFailure.ServiceNotAvailable, error.Failure);
    }

    [Fact]
    public async Task ServerFailureIsReportedAsDnsError()
    {
        _dns.FailWithServerFailure("_sip._udp.broken.example.test");

        var error = await Assert.ThrowsAsync<SipResolutionException>(
            () => Resolve(Resolver(), "broken.example.test", null, SipTransportKind.Udp));

        Assert.Equal(SipResolutionFailure.DnsError, error.Failure);
        Assert.Contains("ServerFailure", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad host")]
    [InlineData("1.2.3.4.5:")]
    [InlineData("[::1")]
    [InlineData("-bad.example.test")]
    [InlineData("a..b")]
    public async Task InvalidHostsAreRejectedWithoutDns(string host)
    {
        var error = await Assert.ThrowsAsync<SipResolutionException>(
            () => Resolve(Resolver(), host, null, SipTransportKind.Udp));

        Assert.Equal(SipResolutionFailure.InvalidHost, error.Failure);
        Assert.Empty(_dns.Questions);
    }

    [Fact]
    public async Task HostWithUnderscoreAndTrailingDotIsAccepted()
    {
        _dns.AddA("my_pbx.example.test", "127.0.0.5");

        var list = await Resolve(Resolver(), "my_pbx.example.test.", 5060, SipTransportKind.Tcp);

        Assert.Equal(["Tcp 127.0.0.5:5060"], Describe(list));
    }

    [Fact]
    public async Task OutOfRangePortIsRejected()
    {
        var error = await Assert.ThrowsAsync<SipResolutionException>(
            () => Resolve(Resolver(), "example.test", 70000, SipTransportKind.Udp));
        Assert.Equal(SipResolutionFailure.InvalidHost, error.Failure);
    }
}
