using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Tests.FeatureSync;

internal sealed class RecordingOutput : IFeatureSyncOutput
{
    public List<FeatureDocument> Sent { get; } = [];

    public List<FeatureState> Changes { get; } = [];

    public List<string> Logs { get; } = [];

    public void SendSet(FeatureDocument document) => Sent.Add(document);

    public void StateChanged(FeatureState state) => Changes.Add(state);

    public void Log(string text) => Logs.Add(text);
}
