namespace Phone.SipCore.Usages;

/// <summary>Timing of a feature subscription (RFC 6665).</summary>
public sealed record SubscriptionOptions
{
    /// <summary>Expires asked for; the 2xx and each NOTIFY may lower it (3600 is common).</summary>
    public int Expires { get; init; } = 3600;

    /// <summary>After the 2xx, how long without a NOTIFY before "subscribed, no state received" (docs/protocol.md 5).</summary>
    public TimeSpan NoStateTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry after the server said it does not support the package; doubles up to a day.</summary>
    public TimeSpan UnsupportedBackoff { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Retry after terminated;reason=probation|giveup without a retry-after.</summary>
    public TimeSpan DefaultRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
}
