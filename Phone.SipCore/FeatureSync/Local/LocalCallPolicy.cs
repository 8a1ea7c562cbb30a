using Phone.SipCore.SyncLog;
using System.Globalization;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.FeatureSync.Local;

/// <summary>
/// The phone's own execution of DND and forwarding (feature sync off, or a feature the
/// server does not handle). Order follows what users expect of a desk phone: DND first,
/// then forward always, then busy handling, then ringing with an optional no-answer forward.
/// </summary>
public static class LocalCallPolicy
{
    /// <param name="state">The line's features as the phone executes them.</param>
    /// <param name="anotherCallRinging">Whether a call is already ringing on the line (the phone is busy).</param>
    /// <param name="secondsPerRing">The PBX profile's seconds per ring.</param>
    public static IncomingCallDecision Decide(LineFeatureState state, bool anotherCallRinging, int secondsPerRing)
    {
        if (state.Dnd.Enabled)
        {
            return new IncomingCallDecision.Busy { Reason = SyncLogCode.CallBusyDnd };
        }
        if (IsForwarding(state.ForwardAlways))
        {
            return new IncomingCallDecision.Redirect(state.ForwardAlways.Target!) { Reason = SyncLogCode.CallForwardedAlways };
        }
        if (anotherCallRinging)
        {
            return IsForwarding(state.ForwardBusy)
                ? new IncomingCallDecision.Redirect(state.ForwardBusy.Target!) { Reason = SyncLogCode.CallForwardedBusy }
                : new IncomingCallDecision.Busy { Reason = SyncLogCode.CallBusyAnotherRinging };
        }
        if (IsForwarding(state.ForwardNoAnswer))
        {
            var rings = state.ForwardNoAnswer.RingCount ?? 0;
            var after = TimeSpan.FromSeconds((double)rings * Math.Max(1, secondsPerRing));
            return new IncomingCallDecision.Ring(state.ForwardNoAnswer.Target, after)
            {
                Reason = SyncLogCode.CallRingingThenForward,
            };
        }
        return new IncomingCallDecision.Ring(null, TimeSpan.Zero) { Reason = SyncLogCode.CallRinging };
    }

    private static bool IsForwarding(FeatureState forward) => forward.Enabled && !string.IsNullOrWhiteSpace(forward.Target);
}
