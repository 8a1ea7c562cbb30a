namespace Phone.SipCore.Auth;

/// <summary>What the caller should do after a 401/407 (RFC 3261 22.2, 22.3).</summary>
public enum DigestChallengeOutcome
{
    /// <summary>First challenge (or one after an accepted request): resend with credentials.</summary>
    Retry,

    /// <summary>stale=true: the nonce expired, the credentials are fine; resend with the new nonce
    /// without asking the user (RFC 7616 3.3).</summary>
    RetryWithNewNonce,

    /// <summary>Credentials were sent and the server challenged again with stale=false: they are
    /// wrong. Stop and report; resending would only repeat the failure (RFC 3261 22.2).</summary>
    CredentialsRejected,

    /// <summary>No challenge this phone can answer (malformed, unsupported algorithm or qop).</summary>
    Unusable,
}
