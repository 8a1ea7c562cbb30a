namespace Phone.Storage.Logs;

/// <summary>What a sync log event is about.</summary>
public enum SyncLogKind
{
    Registration,
    Subscription,
    Feature,
    Call,
}
