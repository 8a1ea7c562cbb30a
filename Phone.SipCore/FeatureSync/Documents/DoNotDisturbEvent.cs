namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>Server to phone: the DND state (<c>DoNotDisturbEvent</c>).</summary>
public sealed record DoNotDisturbEvent(bool DoNotDisturbOn) : FeatureDocument
{
    public const string Name = "DoNotDisturbEvent";

    public override string ElementName => Name;
}
