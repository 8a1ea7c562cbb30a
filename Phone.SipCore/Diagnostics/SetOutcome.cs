namespace Phone.SipCore.Diagnostics;

/// <summary>How a Set request ended, for <see cref="SipMetrics.SetEnded"/>.</summary>
public enum SetOutcome
{
    /// <summary>The server's NOTIFY reported the value asked for.</summary>
    Confirmed,

    /// <summary>The server answered an error, or kept another value.</summary>
    Rejected,

    /// <summary>No NOTIFY within the confirmation window.</summary>
    TimedOut,

    /// <summary>No answer at all (transaction timeout or transport error).</summary>
    Failed,
}
