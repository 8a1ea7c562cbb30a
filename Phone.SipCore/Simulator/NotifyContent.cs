namespace Phone.SipCore.Simulator;

/// <summary>One NOTIFY to send: its Subscription-State value and body (none when the type is null).</summary>
internal sealed record NotifyContent(string SubscriptionState, string? ContentType, byte[] Body);
