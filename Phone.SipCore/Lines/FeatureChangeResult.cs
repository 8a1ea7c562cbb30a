using Phone.SipCore.SyncLog;

namespace Phone.SipCore.Lines;

/// <summary>Whether a phone-side change was taken (sent or queued) or refused, and why.</summary>
/// <param name="Error">Why it was refused: an encoded <see cref="StatusPhrase"/> (the web layer words
/// it in the reader's language), or plain text from outside the SIP core.</param>
public sealed record FeatureChangeResult(bool Accepted, string? Error = null)
{
    public static FeatureChangeResult Ok { get; } = new(true);

    public static FeatureChangeResult Refused(string error) => new(false, error);

    public static FeatureChangeResult Refused(StatusPhrase why) => new(false, (why ?? throw new ArgumentNullException(nameof(why))).Encode());
}
