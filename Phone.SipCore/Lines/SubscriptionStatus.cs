namespace Phone.SipCore.Lines;

/// <summary>Where a line's <c>as-feature-event</c> subscription stands (RFC 6665).</summary>
public enum SubscriptionStatus
{
    /// <summary>No subscription: sync is off or the PBX uses feature codes only.</summary>
    NotUsed,

    Subscribing,

    /// <summary>Accepted, but no NOTIFY with state yet (docs/protocol.md section 5).</summary>
    WaitingForState,

    Active,

    /// <summary>The server does not support the package (489, 403, 404, 405, 501); backing off.</summary>
    Unsupported,

    /// <summary>The server ended it (Subscription-State: terminated); retrying as the reason allows.</summary>
    Terminated,

    /// <summary>The last attempt failed (timeout, error); retrying with backoff.</summary>
    Failed,
}
