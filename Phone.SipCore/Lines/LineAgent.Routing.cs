using Phone.SipCore.SyncLog;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Lines;

public sealed partial class LineAgent
{
    /// <summary>Sends a validated phone-side change the way <see cref="FeatureRouting"/> decides.</summary>
    private FeatureChangeResult Route(FeatureWish wish)
    {
        var refused = _subscription?.IsRefused == true;
        var route = FeatureRouting.Decide(_config, _tracker is not null, _features[wish.Kind].Standing, refused, HasCode(wish));
        switch (route)
        {
            case FeatureRoute.Subscription:
                _tracker!.RequestChange(wish);
                return FeatureChangeResult.Ok;
            case FeatureRoute.Code:
                if (refused)
                {
                    // docs/protocol.md 3: the code stands in for the refused subscription; the log says why.
                    Log(SyncLogKind.Feature, wish.Origin, SyncOutcome.Info, SyncLogEvent.About(SyncLogCode.FeatureCodeInsteadOfSubscription,
                        wish.Kind, wish.Value, SyncLogArg.Detail(_status.SubscriptionDetail)));
                }
                return DialFeatureCode(wish);
            case FeatureRoute.Refused:
                var message = FeatureRouting.NoPathMessage(_config, wish.Kind, wish.Value.Enabled);
                Log(SyncLogKind.Feature, wish.Origin, SyncOutcome.Failed, SyncLogEvent.About(SyncLogCode.FeatureNoSyncPath, wish.Kind, wish.Value,
                    SyncLogArg.Text(_config.Profile?.Name), SyncLogArg.Text(_config.EventPackage)));
                return FeatureChangeResult.Refused(message);
            default:
                ApplyLocally(wish);
                return FeatureChangeResult.Ok;
        }
    }

    /// <summary>
    /// The server has just refused the subscription: changes still waiting in the tracker for
    /// its state would wait for ever, so they go the refused way now (code, or failed with the reason).
    /// </summary>
    private void RerouteQueued()
    {
        foreach (var wish in _tracker?.TakeQueued() ?? [])
        {
            var result = Route(wish);
            if (!result.Accepted)
            {
                SetFeature(_features[wish.Kind] with
                {
                    Standing = FeatureStanding.Failed, ChangedAt = _context.Time.GetUtcNow(), Detail = result.Error,
                }, FeaturePath.Subscription);
            }
        }
    }
}
