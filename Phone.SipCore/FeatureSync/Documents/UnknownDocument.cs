namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// A well-formed document we do not act on (call-center agent state, future features,
/// uaCSTA requests other than DND and forwarding). Ignored without breaking the rest.
/// </summary>
public sealed record UnknownDocument(string RootName) : FeatureDocument
{
    public override string ElementName => RootName;
}
