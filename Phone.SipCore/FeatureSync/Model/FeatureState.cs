namespace Phone.SipCore.FeatureSync.Model;

/// <summary>
/// One feature of one line as last known: its value, where the value came from and how
/// far it is confirmed.
/// </summary>
/// <param name="Target">Forward destination; null for DND and for a forward that never had one.</param>
/// <param name="RingCount">Rings before a no-answer forward; null when unknown or not relevant.</param>
/// <param name="Detail">Short human text, e.g. the failing status line.</param>
public sealed record FeatureState(
    FeatureKind Kind,
    bool Enabled,
    string? Target,
    int? RingCount,
    FeatureStanding Standing,
    FeatureOrigin Origin,
    DateTimeOffset ChangedAt,
    string? Detail = null)
{
    /// <summary>The value a feature has before anything is known: off, executed locally.</summary>
    public static FeatureState Initial(FeatureKind kind, DateTimeOffset at) =>
        new(kind, false, null, null, FeatureStanding.Local, FeatureOrigin.Config, at);
}
