using Phone.SipCore.SyncLog;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Lines;

/// <summary>
/// Where the SIP core records what happened: the per-line sync log and the SIP message
/// trace. Storage implements it; calls must not block the SIP core (queue, then write).
/// </summary>
public interface ILineEventSink
{
    /// <summary>A sync log event: a code and arguments, worded by whoever shows it (no text from the SIP core).</summary>
    void SyncLog(int line, SyncLogKind kind, FeatureOrigin origin, SyncOutcome outcome, SyncLogEvent logEvent);

    /// <param name="line">The line the message belongs to, when known.</param>
    /// <param name="local">Our end of the exchange (see <see cref="Stack.ISipTraceObserver.Traced"/>).</param>
    /// <param name="message">Received bytes may be kept as they are, sent ones only copied (see
    /// <see cref="Stack.ISipTraceObserver.Traced"/>).</param>
    void SipTrace(int? line, SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> message);

    /// <summary>A feature's state changed: persist it so a restart shows it.</summary>
    void FeatureStateChanged(int line, FeatureState state);
}
