using System.Net;
using System.Net.Sockets;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Usages;

/// <summary>A SIP server on a real loopback UDP socket that answers every request with one status.</summary>
internal sealed class UdpScriptedServer : IAsyncDisposable
{
    private readonly UdpClient _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public UdpScriptedServer(int status, IPAddress? address = null)
    {
        _socket = new UdpClient(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        Status = status;
        _loop = Task.Run(ServeAsync);
    }

    public int Status { get; }

    public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;

    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (SipParser.TryParse(received.Buffer).Message is SipRequest request)
            {
                Interlocked.Increment(ref _requests);
                var response = SipResponse.Create(request, Status, null, "srv");
                await _socket.SendAsync(response.Buffer, received.RemoteEndPoint);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _socket.Dispose();
        _stop.Dispose();
    }
}
