using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.Transport;
using Phone.SipCore.Tests.Usages;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Lines;

/// <summary>
/// RFC 3263 and the trust policy on a real loopback network with the in-test DNS server: after
/// the first SRV target answers 503 the line registers with the second, and both SRV targets
/// are the line's server; a host outside them is not.
/// </summary>
public sealed class LineTrustFailoverTests
{
    [Fact]
    public async Task Every_srv_target_of_the_registrar_is_trusted_and_the_failover_target_in_use_too()
    {
        await using var unavailable = new UdpScriptedServer(503, IPAddress.Parse("127.0.0.3"));
        await using var healthy = new UdpScriptedServer(200, IPAddress.Parse("127.0.0.4"));
        await using var dns = new TestDnsServer();
        dns.AddSrv("_sip._udp.pbx.test", 10, 0, (ushort)unavailable.Port, "a.pbx.test")
            .AddSrv("_sip._udp.pbx.test", 20, 0, (ushort)healthy.Port, "b.pbx.test")
            .AddA("a.pbx.test", "127.0.0.3")
            .AddA("b.pbx.test", "127.0.0.4");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var stack = new SipStack(TimeProvider.System, NullLogger<SipStack>.Instance, boundAddress: IPAddress.Loopback);
        stack.AddTransport(new UdpSipTransport(socket, NullLogger.Instance));
        var resolver = new SipTargetResolver(SipTargetResolver.CreateLookupClient([dns.EndPoint]));
        await using var client = new RegistrationClient(stack, new SipAccount { User = "2001", Domain = "pbx.test" }, 1, resolver, NullLogger.Instance);
        var policy = new LineTrustPolicy(() => client, [], callsOnlyFromServer: false, (_, _) => { });
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Changed += s =>
        {
            if (s.State == RegistrationState.Registered)
            {
                registered.TrySetResult();
            }
        };
        var second = Udp("127.0.0.4", healthy.Port);
        Assert.False(policy.IsServer(second), "nothing is trusted before the registrar is resolved");

        client.Start();
        await registered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IPAddress.Parse("127.0.0.4"), client.Target!.EndPoint.Address);
        Assert.True(policy.IsServer(second), "the failover target the line uses");
        Assert.True(policy.IsServer(Udp("127.0.0.4", 5099)), "its address from another port (a NOTIFY from another socket)");
        Assert.True(policy.IsServer(Udp("127.0.0.3", unavailable.Port)), "the other SRV target of the same registrar");
        Assert.False(policy.IsServer(Udp("127.0.0.9", 5060)));
        Assert.False(policy.IsServer(Udp("127.0.0.1", 5060)), "loopback itself is not the server");
    }

    [Fact]
    public void Profile_ranges_are_trusted_and_ipv4_mapped_sources_compare_as_ipv4()
    {
        var policy = new LineTrustPolicy(() => null, [IPNetwork.Parse("10.0.0.0/24")], callsOnlyFromServer: true, (_, _) => { });

        Assert.True(policy.IsServer(Udp("10.0.0.77", 5060)));
        Assert.True(policy.IsServer(new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("::ffff:10.0.0.5"), 5060))));
        Assert.False(policy.IsServer(Udp("10.0.1.1", 5060)));
    }

    private static SipEndPoint Udp(string address, int port) => new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse(address), port));
}
