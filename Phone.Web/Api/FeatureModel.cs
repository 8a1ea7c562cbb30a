using System.Text.Json.Serialization;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.Web.Localization;

namespace Phone.Web.Api;

/// <summary>
/// One feature of a line in the API and hub: its value, standing, origin, time, and the path its
/// last change took (<c>via</c>: subscription, code, local; null when nothing moved this run).
/// </summary>
public sealed record FeatureModel(
    bool Enabled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RingCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RingSeconds,
    FeatureStanding Standing,
    FeatureOrigin Origin,
    DateTimeOffset ChangedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    FeaturePath? Via,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DetailCode = null)
{
    /// <param name="words">Words the detail in the current culture; <c>detailCode</c> names its phrase.</param>
    public static FeatureModel From(FeatureState state, int secondsPerRing, SyncLogRenderer words, FeaturePath? via = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(words);
        var forward = state.Kind != FeatureKind.Dnd;
        var noAnswer = state.Kind == FeatureKind.ForwardNoAnswer;
        return new FeatureModel(
            state.Enabled,
            forward ? state.Target ?? "" : null,
            noAnswer ? state.RingCount : null,
            noAnswer && state.RingCount is { } rings ? rings * secondsPerRing : null,
            state.Standing,
            state.Origin,
            state.ChangedAt,
            words.Detail(state.Detail),
            via,
            StatusPhrase.CodeOf(state.Detail));
    }
}
