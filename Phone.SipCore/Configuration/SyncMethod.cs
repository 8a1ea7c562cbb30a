namespace Phone.SipCore.Configuration;

/// <summary>How a PBX keeps DND and call forwarding in step with the phone (protocol.md).</summary>
public enum SyncMethod
{
    /// <summary>SUBSCRIBE/NOTIFY with the <c>as-feature-event</c> package (BroadWorks, Metaswitch).</summary>
    AsFeatureEvent,

    /// <summary>The phone dials star codes; the server never reports state back.</summary>
    FeatureCodes,

    /// <summary>
    /// FortiVoice: DND and forwards by an <c>as-feature-event</c>-style subscription both ways,
    /// whatever the sync switch; the feature codes only when the server refuses it (protocol.md 3).
    /// The name is kept: it is stored in profiles and config files.
    /// </summary>
    FeatureCodesWithAsFeatureEventDnd,
}
