namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// One ECMA-323 document of the <c>as-feature-event</c> package or of uaCSTA: what the
/// server says (events), what the phone asks for (Set requests), or something we do not
/// handle (kept by name so it can be logged and skipped).
/// </summary>
public abstract record FeatureDocument
{
    /// <summary>The root element's local name, e.g. <c>DoNotDisturbEvent</c>.</summary>
    public abstract string ElementName { get; }

    /// <summary>The <c>device</c> child; mandatory on the wire, unused by either side.</summary>
    public string Device { get; init; } = "";
}
