namespace Phone.SipCore.Configuration;

/// <summary>How a PBX keeps DND and call forwarding in step with the phone (protocol.md).</summary>
public enum SyncMethod
{
    /// <summary>SUBSCRIBE/NOTIFY with the <c>as-feature-event</c> package (BroadWorks, Metaswitch).</summary>
    AsFeatureEvent,

    /// <summary>The phone dials star codes; the server never reports state back.</summary>
    FeatureCodes,

    /// <summary>FortiVoice: feature codes, plus DND by <c>as-feature-event</c> (protocol.md 3).</summary>
    FeatureCodesWithAsFeatureEventDnd,
}
