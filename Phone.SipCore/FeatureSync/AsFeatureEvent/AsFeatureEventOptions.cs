namespace Phone.SipCore.FeatureSync.AsFeatureEvent;

/// <summary>Timing of the as-feature-event tracker.</summary>
public sealed record AsFeatureEventOptions
{
    /// <summary>
    /// How long a Set request waits for any NOTIFY of its feature before it is "not
    /// confirmed" (the no-answer timeout; docs/protocol.md section 5).
    /// </summary>
    public TimeSpan ConfirmationWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a NOTIFY reports a value other than the one asked, how long to wait for a further
    /// NOTIFY of that feature before calling the change rejected. Kamailio's presence_dfks
    /// NOTIFYs the old state and then the new one back to back (milliseconds apart), so one
    /// second tells that pair from a refusal while a refusal still shows within 2 s
    /// (docs/protocol.md section 5, "settle rule").
    /// </summary>
    public TimeSpan SettleWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After the first NOTIFY of a subscription, how long to wait for the rest of the full
    /// state (some servers send one feature per NOTIFY) before calling the features never
    /// reported "not assigned by server".
    /// </summary>
    public TimeSpan FullStateWindow { get; init; } = TimeSpan.FromSeconds(2);
}
