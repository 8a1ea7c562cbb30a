using Phone.SipCore.FeatureSync.AsFeatureEvent;

namespace Phone.SipCore.Tests.FeatureSync;

/// <summary>Schedules on a TimeProvider; with FakeTimeProvider the action runs inside Advance.</summary>
internal sealed class TimerScheduler(TimeProvider time) : ISyncScheduler
{
    public IDisposable Schedule(TimeSpan after, Action action) => time.CreateTimer(_ => action(), null, after, Timeout.InfiniteTimeSpan);
}
