namespace Phone.Storage.Logs;

/// <summary>How a logged step ended.</summary>
public enum SyncOutcome
{
    Info,
    Success,
    Pending,
    Rejected,
    Failed,
}
