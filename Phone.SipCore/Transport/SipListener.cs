using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Hosting;

namespace Phone.SipCore.Transport;

/// <summary>
/// Owns the phone's SIP sockets: one UDP socket and one TCP listener on the same port
/// (RFC 3261 18: a UA must support both on its advertised port).
/// </summary>
public sealed class SipListener : IAsyncDisposable
{
    private readonly SipListenOptions _options;
    private readonly ILogger<SipListener> _logger;
    private Socket? _udp;
    private TcpListener? _tcp;

    public SipListener(SipListenOptions options, ILogger<SipListener> logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>The address and port actually bound; null until <see cref="Start"/>.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    public Socket UdpSocket => _udp ?? throw new InvalidOperationException("The SIP listener has not started.");

    public TcpListener TcpListener => _tcp ?? throw new InvalidOperationException("The SIP listener has not started.");

    /// <summary>Binds UDP then TCP on the same port; with port 0 retries until both fit.</summary>
    public void Start()
    {
        if (LocalEndPoint is not null)
        {
            return;
        }
        const int attempts = 20;
        const int UdpReceiveBufferBytes = 2 * 1024 * 1024;
        for (var attempt = 1; ; attempt++)
        {
            var udp = new Socket(_options.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (_options.Address.Equals(IPAddress.IPv6Any))
                {
                    udp.DualMode = true;
                }
                // The default receive buffer (about 208 KiB on Linux) overflowed when 1,000 lines
                // started at once and at 1,000 NOTIFYs/s (kernel RcvbufErrors, then 0.5-2 s
                // retransmission waits). Ask for 2 MiB; the kernel caps it at net.core.rmem_max.
                udp.ReceiveBufferSize = UdpReceiveBufferBytes;
                udp.Bind(new IPEndPoint(_options.Address, _options.Port));
                var bound = (IPEndPoint)udp.LocalEndPoint!;
                var tcp = new TcpListener(_options.Address, bound.Port);
                if (_options.Address.Equals(IPAddress.IPv6Any))
                {
                    tcp.Server.DualMode = true;
                }
                tcp.Start();
                _udp = udp;
                _tcp = tcp;
                LocalEndPoint = bound;
                _logger.LogInformation("SIP listening on {EndPoint} (UDP and TCP)", bound);
                return;
            }
            catch (SocketException) when (_options.Port == 0 && attempt < attempts)
            {
                // The system gave UDP a port whose TCP twin is taken; try another pair.
                udp.Dispose();
            }
            catch (SocketException ex)
            {
                udp.Dispose();
                throw new InvalidOperationException(
                    $"Cannot listen for SIP on {_options.Address}:{_options.Port}: {ex.Message}", ex);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp?.Stop();
        _udp?.Dispose();
        return ValueTask.CompletedTask;
    }
}
