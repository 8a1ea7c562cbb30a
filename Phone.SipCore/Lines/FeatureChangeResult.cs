namespace Phone.SipCore.Lines;

/// <summary>Whether a phone-side change was taken (sent or queued) or refused, and why.</summary>
public sealed record FeatureChangeResult(bool Accepted, string? Error = null)
{
    public static FeatureChangeResult Ok { get; } = new(true);

    public static FeatureChangeResult Refused(string error) => new(false, error);
}
