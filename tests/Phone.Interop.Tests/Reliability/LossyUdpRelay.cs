using System.Net;
using System.Net.Sockets;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// A UDP relay on loopback that loses a share of the datagrams in each direction: the phone
/// sends to <see cref="FrontEndPoint"/>, the relay forwards to the server from its back
/// socket, and the server's answers and NOTIFYs (sent to the address they came from) go back
/// the same way. Real sockets and the kernel on both legs, loss by a seeded coin, for machines
/// whose kernel has no netem. Loopback only.
/// </summary>
public sealed class LossyUdpRelay : IAsyncDisposable
{
    private readonly Socket _front = Bind();
    private readonly Socket _back = Bind();
    private readonly IPEndPoint _server;
    private readonly double _loss;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _toServer;
    private readonly Task _toPhone;
    private volatile IPEndPoint? _phone;
    private long _forwarded;
    private long _dropped;

    public LossyUdpRelay(IPEndPoint server, double loss, int seed)
    {
        _server = server;
        _loss = loss;
        _random = new Random(seed);
        _toServer = Task.Run(() => PumpAsync(_front, _back, fromPhone: true));
        _toPhone = Task.Run(() => PumpAsync(_back, _front, fromPhone: false));
    }

    /// <summary>Where the phone should send (its registrar).</summary>
    public IPEndPoint FrontEndPoint => (IPEndPoint)_front.LocalEndPoint!;

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public long Dropped => Interlocked.Read(ref _dropped);

    private async Task PumpAsync(Socket from, Socket to, bool fromPhone)
    {
        var buffer = new byte[65_536];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await from.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
                continue; // an ICMP error from an earlier send: not fatal
            }
            if (fromPhone)
            {
                _phone = (IPEndPoint)received.RemoteEndPoint;
            }
            var target = fromPhone ? _server : _phone;
            bool drop;
            lock (_gate)
            {
                drop = _random.NextDouble() < _loss;
            }
            if (drop || target is null)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            Interlocked.Increment(ref _forwarded);
            await to.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, target);
        }
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _front.Dispose();
        _back.Dispose();
        await Task.WhenAll(_toServer, _toPhone).ConfigureAwait(false);
        _stop.Dispose();
    }
}
