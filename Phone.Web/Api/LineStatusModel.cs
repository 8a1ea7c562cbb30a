using System.Text.Json.Serialization;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.Web.Localization;

namespace Phone.Web.Api;

/// <summary>
/// One line in <c>GET /api/status</c> and in the hub's <c>LineStatesChanged</c>. The details are
/// worded in the reader's language (the API's Accept-Language; the hub's in the server's default);
/// <c>registrationDetailCode</c> and <c>subscriptionDetailCode</c> name the phrase (null for a
/// protocol detail such as <c>403 Forbidden</c>, shown as the server wrote it).
/// </summary>
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
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RegistrationDetailCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SubscriptionDetailCode = null)
{
    /// <param name="words">Words a detail in the current culture (<c>SyncLogRenderer.Detail</c>).</param>
    public static LineStatusModel From(LineStatus status, SyncLogRenderer words)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(words);
        var f = status.Features;
        var spr = status.SecondsPerRing;
        return new LineStatusModel(status.Line, status.Enabled, status.Label, status.User, status.FeatureSync,
            status.Method, spr, status.Registration, words.Detail(status.RegistrationDetail), status.RegisteredUntil,
            status.Subscription, words.Detail(status.SubscriptionDetail), status.SubscriptionExpires,
            Feature(f.Dnd), Feature(f.ForwardAlways), Feature(f.ForwardBusy), Feature(f.ForwardNoAnswer), status.UpdatedAt,
            StatusPhrase.CodeOf(status.RegistrationDetail), StatusPhrase.CodeOf(status.SubscriptionDetail));

        FeatureModel Feature(FeatureState state) => FeatureModel.From(state, spr, words, status.PathOf(state.Kind));
    }
}
