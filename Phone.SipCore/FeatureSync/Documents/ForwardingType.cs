namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>The three forwards of the <c>as-feature-event</c> package (docs/protocol.md section 1).</summary>
public enum ForwardingType
{
    /// <summary><c>forwardImmediate</c>: forward always.</summary>
    Immediate,

    /// <summary><c>forwardBusy</c>.</summary>
    Busy,

    /// <summary><c>forwardNoAns</c>: forward after a ring count.</summary>
    NoAnswer,
}
