using System.Collections.Concurrent;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Simulator;

/// <summary>Keeps the sync log lines the line agents write, for assertions on their wording.</summary>
internal sealed class RecordingLineEvents : ILineEventSink
{
    public ConcurrentQueue<string> Log { get; } = new();

    public void SyncLog(int line, SyncLogKind kind, FeatureOrigin origin, SyncOutcome outcome, string text) => Log.Enqueue($"{line}: {text}");

    public void SipTrace(int? line, SipTraceDirection direction, SipEndPoint remote, ReadOnlyMemory<byte> message)
    {
    }

    public void FeatureStateChanged(int line, FeatureState state)
    {
    }
}
