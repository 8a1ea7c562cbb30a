namespace Phone.SipCore.FeatureSync.AsFeatureEvent;

/// <summary>Timing of the as-feature-event tracker.</summary>
public sealed record AsFeatureEventOptions
{
    /// <summary>
    /// How long a Set request waits for the NOTIFY that confirms it. Some servers first
    /// NOTIFY the old value and then the new one, so the decision is taken on the last
    /// NOTIFY seen in this window (docs/protocol.md section 5).
    /// </summary>
    public TimeSpan ConfirmationWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After the first NOTIFY of a subscription, how long to wait for the rest of the full
    /// state (some servers send one feature per NOTIFY) before calling the features never
    /// reported "not assigned by server".
    /// </summary>
    public TimeSpan FullStateWindow { get; init; } = TimeSpan.FromSeconds(2);
}
