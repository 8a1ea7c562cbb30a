using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.TestSupport;

/// <summary>Line snapshots for tests that publish into the feed or render status components.</summary>
public static class LineStatuses
{
    public static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static LineStatus Registered(int line, string label = "Reception", string user = "2001") => new()
    {
        Line = line,
        Enabled = true,
        Label = label,
        User = user,
        FeatureSync = true,
        Method = Phone.SipCore.Configuration.SyncMethod.AsFeatureEvent,
        SecondsPerRing = 6,
        Registration = RegistrationState.Registered,
        RegisteredUntil = At.AddHours(1),
        Subscription = SubscriptionStatus.Active,
        SubscriptionExpires = At.AddHours(1),
        Features = LineFeatureState.Initial(line, At) with
        {
            Dnd = new FeatureState(FeatureKind.Dnd, false, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, At),
        },
        UpdatedAt = At,
    };

    /// <summary>The same line with DND set as given.</summary>
    public static LineStatus WithDnd(this LineStatus status, bool enabled, FeatureStanding standing, FeatureOrigin origin = FeatureOrigin.Server) =>
        status with
        {
            Features = status.Features.With(new FeatureState(FeatureKind.Dnd, enabled, null, null, standing, origin, At.AddMinutes(1))),
            UpdatedAt = At.AddMinutes(1),
        };
}
