using System.Globalization;

namespace Phone.SipCore.Messages;

/// <summary>Subscription-State (RFC 6665 8.2.3, 4.1.3): state, and the expires,
/// reason and retry-after parameters the subscriber schedules by.</summary>
public sealed record SubscriptionState(string State, SipParameters Parameters)
{
    public bool IsActive => string.Equals(State, "active", StringComparison.OrdinalIgnoreCase);

    public bool IsPending => string.Equals(State, "pending", StringComparison.OrdinalIgnoreCase);

    public bool IsTerminated => string.Equals(State, "terminated", StringComparison.OrdinalIgnoreCase);

    public uint? Expires => Number("expires");

    public string? Reason => Parameters.Get("reason");

    public uint? RetryAfter => Number("retry-after");

    private uint? Number(string name) =>
        uint.TryParse(Parameters.Get(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
