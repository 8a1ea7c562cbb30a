namespace Phone.SipCore.Lines;

/// <summary>Where <see cref="FeatureRouting.Decide"/> sends a phone-side change.</summary>
public enum FeatureRoute
{
    /// <summary>A Set document in the subscription's dialog (docs/protocol.md 1.4).</summary>
    Subscription,

    /// <summary>The profile's feature code (docs/protocol.md 2).</summary>
    Code,

    /// <summary>The phone executes it itself (docs/protocol.md 7).</summary>
    Local,

    /// <summary>Neither the subscription nor a code can carry it: refused with what to configure.</summary>
    Refused,
}
