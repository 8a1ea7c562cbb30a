namespace Phone.SipCore.Dialogs;

/// <summary>A trust policy's answer: trusted, or refused with what the request tried (for the sync log).</summary>
public readonly record struct TrustVerdict(bool Trusted, string? Attempt)
{
    public static readonly TrustVerdict Allow = new(true, null);

    public static TrustVerdict Refuse(string attempt) => new(false, attempt);
}
