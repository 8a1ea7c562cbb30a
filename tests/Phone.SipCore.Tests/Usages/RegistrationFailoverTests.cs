using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Lines;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.Transport;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

/// <summary>RFC 3263 on a real loopback network: SRV targets in order, the next one after a 503.</summary>
public sealed class RegistrationFailoverTests
{
    [Fact]
    public async Task A_503_from_the_first_srv_target_moves_the_registration_to_the_next()
    {
        await using var unavailable = new UdpScriptedServer(503);
        await using var healthy = new UdpScriptedServer(200);
        await using var dns = new TestDnsServer();
        dns.AddSrv("_sip._udp.pbx.test", 10, 0, (ushort)unavailable.Port, "a.pbx.test")
            .AddSrv("_sip._udp.pbx.test", 20, 0, (ushort)healthy.Port, "b.pbx.test")
            .AddA("a.pbx.test", "127.0.0.1")
            .AddA("b.pbx.test", "127.0.0.1");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var stack = new SipStack(TimeProvider.System, NullLogger<SipStack>.Instance, boundAddress: IPAddress.Loopback);
        stack.AddTransport(new UdpSipTransport(socket, NullLogger.Instance));
        var resolver = new SipTargetResolver(SipTargetResolver.CreateLookupClient([dns.EndPoint]));
        var account = new SipAccount { User = "2001", Domain = "pbx.test" };
        await using var client = new RegistrationClient(stack, account, 1, resolver, NullLogger.Instance);
        var registered = new TaskCompletionSource<RegistrationSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Changed += s =>
        {
            if (s.State is RegistrationState.Registered or RegistrationState.Failed)
            {
                registered.TrySetResult(s);
            }
        };

        client.Start();
        var outcome = await registered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RegistrationState.Registered, outcome.State);
        Assert.Equal(1, unavailable.Requests);
        Assert.Equal(1, healthy.Requests);
        Assert.Equal(healthy.Port, client.Target!.EndPoint.Port);
        Assert.Contains("_sip._udp.pbx.test SRV", dns.Questions);
    }
}
