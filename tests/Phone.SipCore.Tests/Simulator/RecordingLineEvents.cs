using System.Collections.Concurrent;
using System.Threading.Channels;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Simulator;

/// <summary>Keeps the sync log events the line agents report, for assertions on what they say.</summary>
internal sealed class RecordingLineEvents : ILineEventSink
{
    public ConcurrentQueue<(int Line, SyncLogEvent Event)> Log { get; } = new();

    public void SyncLog(int line, SyncLogKind kind, FeatureOrigin origin, SyncOutcome outcome, SyncLogEvent logEvent) => Log.Enqueue((line, logEvent));

    /// <summary>Every message the phone received, as text, in arrival order.</summary>
    public Channel<string> Received { get; } = Channel.CreateUnbounded<string>();

    public void SipTrace(int? line, SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> message)
    {
        if (direction == SipTraceDirection.In)
        {
            Received.Writer.TryWrite(System.Text.Encoding.UTF8.GetString(message.Span));
        }
    }

    /// <summary>Reads received messages until one matches, within <paramref name="bound"/>.</summary>
    public async Task<string> WaitForReceivedAsync(Func<string, bool> match, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (true)
        {
            var message = await Received.Reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }

    public void FeatureStateChanged(int line, FeatureState state)
    {
    }
}
