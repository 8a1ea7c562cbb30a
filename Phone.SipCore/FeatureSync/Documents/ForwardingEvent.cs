namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Server to phone: one forward's state (<c>ForwardingEvent</c>). <see cref="ForwardTo"/> may be
/// absent when the forward is off; <see cref="RingCount"/> is null when the server omitted it,
/// which means "unchanged", not zero (docs/protocol.md section 5).
/// </summary>
public sealed record ForwardingEvent(ForwardingType ForwardingType, bool ForwardStatus, string? ForwardTo, int? RingCount)
    : FeatureDocument
{
    public const string Name = "ForwardingEvent";

    public override string ElementName => Name;
}
