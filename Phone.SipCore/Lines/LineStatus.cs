using System.Collections.Immutable;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Lines;

/// <summary>
/// Everything the status page, the JSON API and the hub show about one line, as one
/// immutable snapshot. A new snapshot is published on every change.
/// </summary>
public sealed record LineStatus
{
    public required int Line { get; init; }

    public bool Enabled { get; init; }

    public string Label { get; init; } = "";

    public string User { get; init; } = "";

    public bool FeatureSync { get; init; }

    /// <summary>The sync method of the line's PBX profile; null without a profile.</summary>
    public SyncMethod? Method { get; init; }

    /// <summary>Seconds per ring of the line's profile, to show ring counts as time.</summary>
    public int SecondsPerRing { get; init; } = PbxProfile.DefaultSecondsPerRing;

    public RegistrationState Registration { get; init; } = RegistrationState.Disabled;

    /// <summary>Status line or reason of the last registration outcome, e.g. "403 Forbidden".</summary>
    public string? RegistrationDetail { get; init; }

    public DateTimeOffset? RegisteredUntil { get; init; }

    /// <summary>The registrar's last final status (403, 200...); null when none came. Read by the diagnosis, not shown.</summary>
    public int? RegistrationStatusCode { get; init; }

    public SubscriptionStatus Subscription { get; init; } = SubscriptionStatus.NotUsed;

    public string? SubscriptionDetail { get; init; }

    public DateTimeOffset? SubscriptionExpires { get; init; }

    /// <summary>The server's final status behind a subscription failure (404, 489...); null otherwise. Read by the diagnosis, not shown.</summary>
    public int? SubscriptionStatusCode { get; init; }

    public required LineFeatureState Features { get; init; }

    /// <summary>
    /// The path each feature's last change took in this run (subscription, code, local); a
    /// feature without an entry has not changed since the agent started. Not stored: after a
    /// restart nothing has travelled yet, and <c>feature_state</c> needs no new column.
    /// </summary>
    public ImmutableDictionary<FeatureKind, FeaturePath> Paths { get; init; } = ImmutableDictionary<FeatureKind, FeaturePath>.Empty;

    /// <summary>The path of <paramref name="kind"/>'s last change, or null.</summary>
    public FeaturePath? PathOf(FeatureKind kind) => Paths.TryGetValue(kind, out var path) ? path : null;

    /// <summary>
    /// Requests refused because they did not come from this line's server (trust policy): the
    /// Troubleshooting page shows it. Counted since the line's agent started.
    /// </summary>
    public int RefusedRequests { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
