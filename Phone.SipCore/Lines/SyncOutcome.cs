namespace Phone.SipCore.Lines;

/// <summary>How a logged step ended.</summary>
public enum SyncOutcome
{
    Info,
    Success,
    Pending,
    Rejected,
    Failed,
}
