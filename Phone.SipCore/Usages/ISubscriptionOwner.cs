using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.SipCore.Usages;

/// <summary>What a subscription tells the line that owns it; always called on the line's queue.</summary>
public interface ISubscriptionOwner
{
    /// <param name="statusCode">The server's final status behind a failure (403, 489...); null when none came or none applies.</param>
    void OnSubscriptionStatus(SubscriptionStatus status, string? detail, DateTimeOffset? expires, int? statusCode = null);

    /// <summary>A NOTIFY body, read safely; empty means "no state yet".</summary>
    void OnNotify(FeatureBody body);

    /// <summary>The dialog is gone (481, terminated); a new subscription is being made.</summary>
    void OnSubscriptionLost();

    /// <summary>The server answered a Set SUBSCRIBE with an error (not 481).</summary>
    void OnSetResponse(FeatureKind kind, int status, string reason);

    /// <summary>A Set SUBSCRIBE got no answer.</summary>
    void OnSetFailed(FeatureKind kind, string reason);
}
