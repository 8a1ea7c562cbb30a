namespace Phone.SipCore.FeatureSync.AsFeatureEvent;

/// <summary>
/// Runs an action later on the owner's own work queue, so timer expiries are processed one at
/// a time with everything else the line does. Dispose the result to cancel.
/// </summary>
public interface ISyncScheduler
{
    IDisposable Schedule(TimeSpan after, Action action);
}
