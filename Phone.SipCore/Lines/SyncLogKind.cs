namespace Phone.SipCore.Lines;

/// <summary>What a sync log event is about.</summary>
public enum SyncLogKind
{
    Registration,
    Subscription,
    Feature,
    Call,
}
