namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>Phone to server (SUBSCRIBE body) or server to phone (uaCSTA INFO): set DND.</summary>
public sealed record SetDoNotDisturb(bool DoNotDisturbOn) : FeatureDocument
{
    public const string Name = "SetDoNotDisturb";

    public override string ElementName => Name;
}
