using System.Net;
using Phone.SipCore.Configuration;

namespace Phone.SipCore.Tests.Configuration;

public sealed class TrustedHostListTests
{
    private static IReadOnlyList<TrustedHost> Parse(string? text)
    {
        Assert.True(TrustedHostList.TryParse(text, out var hosts, out var error), error);
        Assert.Null(error);
        return hosts;
    }

    private static string Refused(string text)
    {
        Assert.False(TrustedHostList.TryParse(text, out var hosts, out var error));
        Assert.Empty(hosts);
        return Assert.IsType<string>(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" , ,, ")]
    public void Nothing_written_is_no_entries(string? text) => Assert.Empty(Parse(text));

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5/32")]
    [InlineData("2001:db8::5", "2001:db8::5/128")]
    [InlineData("[2001:db8::5]", "2001:db8::5/128")]
    [InlineData("10.0.0.0/24", "10.0.0.0/24")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("2001::/16", "2001::/16")]
    [InlineData("2001:db8::/48", "2001:db8::/48")]
    [InlineData("::ffff:10.0.0.7", "10.0.0.7/32")]
    [InlineData("::ffff:10.0.0.0/120", "10.0.0.0/24")]
    public void An_address_or_a_range_is_a_network(string text, string network)
    {
        var host = Assert.Single(Parse(text));

        Assert.Equal(IPNetwork.Parse(network), host.Network);
        Assert.Null(host.HostName);
        Assert.Equal(network, host.ToString());
    }

    [Theory]
    [InlineData("pbx2.example.com", "pbx2.example.com")]
    [InlineData("PBX2.Example.COM.", "pbx2.example.com")]
    [InlineData("localhost", "localhost")]
    public void A_host_name_is_kept_in_lower_case(string text, string name)
    {
        var host = Assert.Single(Parse(text));

        Assert.Equal(name, host.HostName);
        Assert.Null(host.Network);
        Assert.False(host.Contains(IPAddress.Loopback));
    }

    [Fact]
    public void A_mixed_list_keeps_its_order_and_ignores_spaces_and_empty_entries()
    {
        var hosts = Parse("  10.0.0.0/24 ,pbx2.example.com,, 2001:db8::/48 ,\u3000192.0.2.9 , ");

        Assert.Equal(["10.0.0.0/24", "pbx2.example.com", "2001:db8::/48", "192.0.2.9/32"], hosts.Select(h => h.ToString()));
    }

    [Fact]
    public void Thirty_two_entries_are_allowed_and_thirty_three_are_not()
    {
        var entries = Enumerable.Range(1, 33).Select(i => $"10.0.{i}.0/24").ToList();

        Assert.Equal(32, Parse(string.Join(", ", entries.Take(32))).Count);
        Assert.Equal("the list may hold up to 32 entries; it has 33.", Refused(string.Join(", ", entries)));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("300.1.1.1")]
    [InlineData("a b")]
    [InlineData("*")]
    [InlineData("*.example.com")]
    [InlineData("10.1")]
    [InlineData("010.0.0.1")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/024")]
    [InlineData("10.0.0.0/+24")]
    [InlineData("pbx.example.com/24")]
    [InlineData("10.0.0.1:5060")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[10.0.0.1]")]
    public void A_bad_entry_is_named_with_what_is_allowed(string bad)
    {
        var error = Refused($"pbx2.example.com, {bad}, 10.0.0.5");

        Assert.Equal($"'{bad}' is not a host name, IP address or CIDR range (e.g. pbx2.example.com, 10.0.0.5 or 10.0.0.0/24).", error);
    }

    [Theory]
    [InlineData("0.0.0.0/0", "/8")]
    [InlineData("10.0.0.0/7", "/8")]
    [InlineData("::/0", "/16")]
    [InlineData("::ffff:0.0.0.0/96", "/8")]
    public void A_range_so_wide_that_it_undoes_the_trust_policy_is_refused(string text, string widest)
    {
        Assert.False(TrustedHostList.TryParse(text, out var hosts, out var error));
        Assert.Empty(hosts);
        Assert.Equal($"'{text}' is wider than {widest}; list the servers' own addresses or range (e.g. 10.0.0.0/24).", error);
    }

    [Fact]
    public void A_range_with_host_bits_set_is_refused_with_how_to_write_it()
    {
        Assert.Equal("'10.0.0.7/24' has address bits set past the /24 prefix; the range is written 10.0.0.0/24.",
            Refused("10.0.0.7/24"));
    }

    [Fact]
    public void Control_characters_are_refused_because_the_config_file_is_line_based()
    {
        Assert.Equal(@"'pbx2.example.com\u000A' holds a control character (such as a tab or a line break).",
            Refused("10.0.0.5, pbx2.example.com\n"));
    }

    [Fact]
    public void Text_past_the_length_limit_is_refused()
    {
        var text = new string(',', TrustedHostList.MaxTextLength + 1);

        Assert.Equal($"the list may hold up to {TrustedHostList.MaxTextLength} characters; it has {text.Length}.", Refused(text));
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.1", true)]
    [InlineData("10.0.0.0/24", "10.0.0.255", true)]
    [InlineData("10.0.0.0/24", "10.0.1.1", false)]
    [InlineData("10.0.0.5", "10.0.0.5", true)]
    [InlineData("10.0.0.5", "10.0.0.6", false)]
    [InlineData("2001:db8::/48", "2001:db8:0:ffff::1", true)]
    [InlineData("2001:db8::/48", "2001:db9::1", false)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    [InlineData("10.0.0.0/24", "::ffff:10.0.0.9", true)]
    [InlineData("10.0.0.0/24", "::ffff:10.0.1.9", false)]
    [InlineData("::ffff:10.0.0.0/120", "10.0.0.9", true)]
    [InlineData("10.0.0.0/24", "2001:db8::1", false)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    public void Contains_compares_ipv4_mapped_addresses_as_ipv4(string entry, string address, bool expected)
    {
        var host = Assert.Single(Parse(entry));

        Assert.Equal(expected, host.Contains(IPAddress.Parse(address)));
    }
}
