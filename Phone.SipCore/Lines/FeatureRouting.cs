using Phone.SipCore.SyncLog;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Lines;

/// <summary>
/// Which way a phone-side change goes, as a pure function of the line's configuration and the
/// subscription's standing, so the rules are testable without a network.
/// </summary>
public static class FeatureRouting
{
    /// <param name="config">The line's settings and profile.</param>
    /// <param name="subscribed">The line keeps a feature subscription (it has a tracker).</param>
    /// <param name="standing">The feature's current standing (NotAssigned: the server does not hold it).</param>
    /// <param name="subscriptionRefused">
    /// The server refused the package (489/403/404/405/501) or ended the subscription with
    /// reason rejected/noresource (RFC 6665 4.1.3), and has not accepted it again since.
    /// </param>
    /// <param name="hasCode">The profile has a code for this change.</param>
    public static FeatureRoute Decide(LineConfiguration config, bool subscribed, FeatureStanding standing,
        bool subscriptionRefused, bool hasCode)
    {
        ArgumentNullException.ThrowIfNull(config);
        // FortiVoice syncs whatever the switch says (docs/protocol.md 3); as-feature-event only with it on.
        var fortiVoice = config.Profile?.Method == SyncMethod.FeatureCodesWithAsFeatureEventDnd;
        if (subscribed && (fortiVoice || config.ActiveMethod == SyncMethod.AsFeatureEvent))
        {
            if (standing == FeatureStanding.NotAssigned)
            {
                // The server's full state left this feature out (docs/protocol.md 5).
                return fortiVoice && hasCode ? FeatureRoute.Code : FeatureRoute.Local;
            }
            if (subscriptionRefused)
            {
                return hasCode ? FeatureRoute.Code : FeatureRoute.Refused;
            }
            return FeatureRoute.Subscription;
        }
        if (fortiVoice || config.ActiveMethod == SyncMethod.FeatureCodes)
        {
            return FeatureRoute.Code;
        }
        // Sync off: the phone executes it itself.
        return FeatureRoute.Local;
    }

    /// <summary>
    /// The refusal for <see cref="FeatureRoute.Refused"/>: names the line, the profile and the
    /// subscription that is not available, and which code to fill in (on or off) on the PBX profiles page.
    /// </summary>
    public static StatusPhrase NoPathMessage(LineConfiguration config, FeatureKind kind, bool enable)
    {
        ArgumentNullException.ThrowIfNull(config);
        // The DND token is the bare "on"/"off", whatever the feature: the code to fill in.
        return StatusPhrase.Of(StatusPhraseCode.NoSyncPath, SyncLogArg.Text(config.Line), SyncLogArg.Feature(kind),
            SyncLogArg.Text(config.Profile?.Name), SyncLogArg.Text(config.EventPackage),
            SyncLogArg.ValueOf(FeatureKind.Dnd, new FeatureValue(enable, null, null)));
    }
}
