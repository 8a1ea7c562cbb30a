using System.Text;
using System.Threading.Channels;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transport;

/// <summary>Records what a transport delivers; tests wait for it with a bound, never a sleep.</summary>
internal sealed class CollectingHandler : ISipPacketHandler
{
    private readonly Channel<ReceivedPacket> _packets = Channel.CreateUnbounded<ReceivedPacket>();

    public List<(SipEndPoint Remote, Exception Error)> Errors { get; } = [];

    public void OnPacket(ReceivedPacket packet) => _packets.Writer.TryWrite(packet);

    /// <summary>Released once per reported error, so a test can wait for one with a bound.</summary>
    public SemaphoreSlim ErrorReported { get; } = new(0);

    public void OnTransportError(SipEndPoint remote, Exception error)
    {
        lock (Errors)
        {
            Errors.Add((remote, error));
        }
        ErrorReported.Release();
    }

    public async Task<ReceivedPacket> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(5));
        return await _packets.Reader.ReadAsync(timeout.Token);
    }

    public async Task<string> NextTextAsync(TimeSpan? within = null) => Encoding.UTF8.GetString((await NextAsync(within)).Data.Span);

    public bool TryTake(out ReceivedPacket packet) => _packets.Reader.TryRead(out packet);
}
