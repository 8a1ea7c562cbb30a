using System.Net;
using System.Net.Sockets;
using DnsClient;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;

namespace Phone.Interop.Tests.Sipp;

/// <summary>Our SIP stack on a loopback UDP socket, for tests against sipp.</summary>
public sealed class SipCoreHarness : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener? _tcp;

    /// <param name="listenTcp">Also accept TCP connections (a phone does; most tests only connect out).</param>
    public SipCoreHarness(TimeProvider? time = null, bool listenTcp = false)
    {
        _udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Stack = new SipStack(time ?? TimeProvider.System, NullLogger<SipStack>.Instance, boundAddress: IPAddress.Loopback);
        Stack.AddTransport(new UdpSipTransport(_udp, NullLogger.Instance));
        // TCP towards the server: connections opened on demand, answers come back on them; with
        // listenTcp, peers may also connect to us on the UDP port's number.
        _tcp = listenTcp ? new TcpListener(IPAddress.Loopback, UdpPort) : null;
        Stack.AddTransport(new StreamSipTransport(SipTransportKind.Tcp, _tcp, new StreamSipTransportOptions(),
            NullLogger.Instance, time ?? TimeProvider.System));
        // Numeric targets never query DNS; the client points at loopback in case one slips through.
        Resolver = new SipTargetResolver(SipTargetResolver.CreateLookupClient([new IPEndPoint(IPAddress.Loopback, 53)]));
    }

    public SipStack Stack { get; }

    /// <summary>Our UDP port, for sipp playing a caller.</summary>
    public int UdpPort => ((IPEndPoint)_udp.LocalEndPoint!).Port;

    public SipTargetResolver Resolver { get; }

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        _tcp?.Stop();
        _udp.Dispose();
    }
}
