using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.SyncLog;

namespace Phone.SipCore.Tests.FeatureSync;

internal sealed class RecordingOutput : IFeatureSyncOutput
{
    public List<FeatureDocument> Sent { get; } = [];

    public List<FeatureState> Changes { get; } = [];

    public List<SyncLogEvent> Logs { get; } = [];

    public void SendSet(FeatureDocument document) => Sent.Add(document);

    public void StateChanged(FeatureState state) => Changes.Add(state);

    public void Log(SyncLogEvent logEvent) => Logs.Add(logEvent);
}
