using Phone.SipCore.SyncLog;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Csta;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Local;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Lines;

public sealed partial class LineAgent : IIncomingRequestHandler
{
    private LocalCallHandler? _calls;
    private CstaSession? _csta;
    private IDisposable? _identity;
    private IDisposable? _checkSyncCapability;

    /// <summary>
    /// Takes the line's out-of-dialog requests (calls executed locally, uaCSTA sessions), routed
    /// by the line's Contact token or its user part, on the line's queue.
    /// </summary>
    private void StartIncoming()
    {
        _calls = new LocalCallHandler(_context.Stack, _config.Settings.RegistrarHost, _queue, _queue,
            anotherRinging => LocalCallPolicy.Decide(LocallyExecuted(), anotherRinging, _status.SecondsPerRing),
            logEvent => _queue.Post(() => Log(SyncLogKind.Call, FeatureOrigin.Phone, SyncOutcome.Info, logEvent)));
        if (_config.Profile is { AcceptUaCsta: true })
        {
            // Sessions run on this queue: a Set is applied before its INFO is answered.
            _csta = new CstaSession(_context.Stack, _owner, CstaState, ApplyFromServer,
                logEvent => Log(SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Info, logEvent));
        }
        if (_context.CheckSync is not null)
        {
            _checkSyncCapability = _context.Stack.Capabilities.Add(["NOTIFY"], [CheckSyncPackage]);
        }
        _identity = _context.Stack.AddIdentity(new LocalIdentity(_config.Settings.User, _config.ContactToken, _owner, this));
    }

    /// <summary>An out-of-dialog request for this line, on its queue.</summary>
    public void OnRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Method == SipMethod.Invite)
        {
            if (_csta is not null && _csta.OnInvite(transaction))
            {
                return;
            }
            if (_calls is not null)
            {
                _calls.OnInvite(transaction);
                return;
            }
        }
        if (request.Method == SipMethod.Notify && _context.CheckSync is { } listener
            && request.TryGetEvent(out var evt) && string.Equals(evt.Package, CheckSyncPackage, StringComparison.OrdinalIgnoreCase))
        {
            // An unsolicited NOTIFY (no subscription, RFC 3265 style) from the line's own server:
            // the trust policy refused anyone else before this point. Never a reboot.
            var reboot = evt.Parameters.Get("reboot") is { } value && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
            transaction.Respond(200);
            Log(SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Info, SyncLogEvent.Of(
                reboot ? SyncLogCode.CheckSyncReboot : SyncLogCode.CheckSync, SyncLogArg.Text(transaction.Remote.EndPoint.ToString())));
            listener.CheckSyncRequested(Line, reboot);
            return;
        }
        if (request.Method == SipMethod.Notify)
        {
            transaction.Respond(489, "Bad Event");
            return;
        }
        transaction.Respond(405, "Method Not Allowed");
    }

    /// <summary>The event package of a server's re-provisioning request.</summary>
    public const string CheckSyncPackage = "check-sync";

    /// <summary>
    /// The features the phone executes itself on incoming calls: all of them with sync off;
    /// with sync on only those the server does not handle (local or not assigned). Read on
    /// the line's queue and by ringing timers: <see cref="_features"/> is an immutable snapshot swapped whole.
    /// </summary>
    private LineFeatureState LocallyExecuted()
    {
        var features = _features;
        if (_config.ActiveMethod is null)
        {
            return features;
        }
        foreach (var state in features.All)
        {
            if (state.Standing is not (FeatureStanding.Local or FeatureStanding.NotAssigned))
            {
                features = features.With(state with { Enabled = false });
            }
        }
        return features;
    }

    private CstaStateSnapshot CstaState()
    {
        var f = _features;
        return new CstaStateSnapshot(f.Dnd.Enabled,
        [
            ForwardEvent(f.ForwardAlways), ForwardEvent(f.ForwardBusy), ForwardEvent(f.ForwardNoAnswer),
        ]);

        static ForwardingEvent ForwardEvent(FeatureState s) =>
            new(FeatureDocumentMapping.ToForwardingType(s.Kind), s.Enabled, s.Target, s.RingCount);
    }

    /// <summary>A uaCSTA Set from the server: the server's word, so it is confirmed as it stands.</summary>
    private void ApplyFromServer(FeatureDocument document)
    {
        var detail = StatusPhrase.Detail(StatusPhraseCode.SetByServerCsta);
        var now = _context.Time.GetUtcNow();
        if (document is SetDoNotDisturb dnd)
        {
            SetFeature(new FeatureState(FeatureKind.Dnd, dnd.DoNotDisturbOn, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, now, detail), via: null);
            return;
        }
        var forward = (SetForwarding)document;
        var kind = FeatureDocumentMapping.ToKind(forward.ForwardingType);
        var known = _features[kind];
        SetFeature(new FeatureState(kind, forward.ActivateForward, forward.ForwardDn ?? known.Target, forward.RingCount ?? known.RingCount,
            FeatureStanding.Confirmed, FeatureOrigin.Server, now, detail), via: null);
    }

    private void StopIncoming()
    {
        _identity?.Dispose();
        _checkSyncCapability?.Dispose();
        _calls?.Dispose();
        _csta?.Dispose();
    }
}
