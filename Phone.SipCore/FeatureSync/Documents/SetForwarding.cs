namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Phone to server (SUBSCRIBE body) or server to phone (uaCSTA INFO): set one forward.
/// The request spells the fields differently from the event: <c>activateForward</c> and
/// <c>forwardDN</c> instead of <c>forwardStatus</c> and <c>forwardTo</c>.
/// </summary>
public sealed record SetForwarding(ForwardingType ForwardingType, bool ActivateForward, string? ForwardDn, int? RingCount)
    : FeatureDocument
{
    public const string Name = "SetForwarding";

    public override string ElementName => Name;
}
