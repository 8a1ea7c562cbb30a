using Phone.SipCore.SyncLog;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.FeatureSync.AsFeatureEvent;

/// <summary>What the as-feature-event tracker asks of the line that owns it.</summary>
public interface IFeatureSyncOutput
{
    /// <summary>Send this Set document in an in-dialog SUBSCRIBE (docs/protocol.md flow 4).</summary>
    void SendSet(FeatureDocument document);

    /// <summary>A feature's shown state changed: store it and push it to the pages.</summary>
    void StateChanged(FeatureState state);

    /// <summary>An event for the sync log.</summary>
    void Log(SyncLogEvent logEvent);
}
