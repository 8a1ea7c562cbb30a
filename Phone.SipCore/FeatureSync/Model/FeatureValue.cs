namespace Phone.SipCore.FeatureSync.Model;

/// <summary>
/// A feature's value alone, without standing or origin: what a request asks for and what a
/// NOTIFY reports, so the two can be compared.
/// </summary>
public sealed record FeatureValue(bool Enabled, string? Target = null, int? RingCount = null)
{
    public static FeatureValue Of(FeatureState state) => new(state.Enabled, state.Target, state.RingCount);

    /// <summary>
    /// Whether a server report satisfies a request for this value: DND compares the switch;
    /// a forward that is on must also have the asked-for target, and a no-answer forward the
    /// asked-for ring count when one was asked for. A forward that is off ignores its target.
    /// </summary>
    public bool IsSatisfiedBy(FeatureKind kind, FeatureValue reported)
    {
        if (Enabled != reported.Enabled)
        {
            return false;
        }
        if (kind == FeatureKind.Dnd || !Enabled)
        {
            return true;
        }
        if (!string.Equals(Target, reported.Target, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return kind != FeatureKind.ForwardNoAnswer || RingCount is null || RingCount == reported.RingCount;
    }

    public string Describe(FeatureKind kind) => kind switch
    {
        FeatureKind.Dnd => Enabled ? "on" : "off",
        FeatureKind.ForwardNoAnswer when Enabled => $"on to {Target} after {RingCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} rings",
        _ when Enabled => $"on to {Target}",
        _ => "off",
    };
}
