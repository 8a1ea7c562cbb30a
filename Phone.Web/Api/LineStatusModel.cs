using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.Web.Api;

/// <summary>One line in <c>GET /api/status</c> and in the hub's <c>LineStateChanged</c>.</summary>
public sealed record LineStatusModel(
    int Line,
    bool Enabled,
    string Label,
    string User,
    bool FeatureSync,
    SyncMethod? Method,
    int SecondsPerRing,
    RegistrationState Registration,
    string? RegistrationDetail,
    DateTimeOffset? RegisteredUntil,
    SubscriptionStatus Subscription,
    string? SubscriptionDetail,
    DateTimeOffset? SubscriptionExpires,
    FeatureModel Dnd,
    FeatureModel ForwardAlways,
    FeatureModel ForwardBusy,
    FeatureModel ForwardNoAnswer,
    DateTimeOffset UpdatedAt)
{
    public static LineStatusModel From(LineStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var f = status.Features;
        var spr = status.SecondsPerRing;
        return new LineStatusModel(status.Line, status.Enabled, status.Label, status.User, status.FeatureSync,
            status.Method, spr, status.Registration, status.RegistrationDetail, status.RegisteredUntil,
            status.Subscription, status.SubscriptionDetail, status.SubscriptionExpires,
            Feature(f.Dnd), Feature(f.ForwardAlways), Feature(f.ForwardBusy), Feature(f.ForwardNoAnswer), status.UpdatedAt);

        FeatureModel Feature(FeatureState state) => FeatureModel.From(state, spr, status.PathOf(state.Kind));
    }
}
