using System.Net;
using DnsClient;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Diagnostics;
using Phone.SipCore.Lines;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;

namespace Phone.SipCore.Hosting;

/// <summary>Builds the running stack on the listener's sockets: UDP and TCP on the SIP port, TLS outbound.</summary>
public static class SipStackFactory
{
    public static SipStack Create(SipListener listener, SipListenOptions options, TimeProvider time, ILoggerFactory loggers,
        ILineEventSink? events, SipMetrics? metrics = null)
    {
        listener.Start();
        var stack = new SipStack(time, loggers.CreateLogger<SipStack>(), events is null ? null : new LineTraceObserver(events),
            boundAddress: options.Address, metrics: metrics);
        stack.AddTransport(new UdpSipTransport(listener.UdpSocket, loggers.CreateLogger<UdpSipTransport>(), time));
        var streamOptions = new StreamSipTransportOptions { KeepAliveInterval = TimeSpan.FromSeconds(60) };
        stack.AddTransport(new StreamSipTransport(SipTransportKind.Tcp, listener.TcpListener, streamOptions,
            loggers.CreateLogger<StreamSipTransport>(), time));
        // TLS is outbound only: a phone connects to its server; it does not accept TLS itself.
        stack.AddTransport(new StreamSipTransport(SipTransportKind.Tls, null, streamOptions,
            loggers.CreateLogger<StreamSipTransport>(), time));
        return stack;
    }

    /// <summary>DNS through the system's resolvers (RFC 3263 SRV, then A/AAAA).</summary>
    public static SipTargetResolver CreateResolver(ILoggerFactory loggers) =>
        new(new LookupClient(new LookupClientOptions { UseCache = true, Timeout = TimeSpan.FromSeconds(3), Retries = 1 }),
            logger: loggers.CreateLogger<SipTargetResolver>());

    /// <summary>For tests: a resolver whose DNS server is on loopback (numeric hosts never query).</summary>
    public static SipTargetResolver CreateLoopbackResolver(int dnsPort = 53) =>
        new(SipTargetResolver.CreateLookupClient([new IPEndPoint(IPAddress.Loopback, dnsPort)]));
}
