namespace Phone.SipCore.Auth;

/// <summary>The session's verdict on a 401/407 and, when unusable or rejected, why.</summary>
public sealed record DigestChallengeResult(DigestChallengeOutcome Outcome, DigestChallenge? Challenge, string? Reason)
{
    /// <summary>True when the caller should resend the request with <see cref="DigestSession.Authorize"/>.</summary>
    public bool ShouldRetry => Outcome is DigestChallengeOutcome.Retry or DigestChallengeOutcome.RetryWithNewNonce;
}
