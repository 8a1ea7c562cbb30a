namespace Phone.SipCore.Messages;

/// <summary>Retry-After (RFC 3261 20.33): delta-seconds, an optional comment, parameters (duration).</summary>
public sealed record RetryAfter(uint Seconds, string? Comment, SipParameters Parameters)
{
    public string? Duration => Parameters.Get("duration");
}
