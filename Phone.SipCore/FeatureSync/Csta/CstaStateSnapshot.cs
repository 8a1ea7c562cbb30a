using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.FeatureSync.Csta;

/// <summary>The line's DND and forwards as a uaCSTA Get request reports them.</summary>
public sealed record CstaStateSnapshot(bool DoNotDisturb, IReadOnlyList<ForwardingEvent> Forwards);
