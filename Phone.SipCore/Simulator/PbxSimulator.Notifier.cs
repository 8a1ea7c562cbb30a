using System.Globalization;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Simulator;

public sealed partial class PbxSimulator
{
    /// <summary>RFC 6665 4.2.1: a new subscription, a refresh, a Set document, or an unsubscribe.</summary>
    private void OnSubscribe(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!request.TryGetEvent(out var evt) || !string.Equals(evt.Package, FeatureXml.EventPackage, StringComparison.OrdinalIgnoreCase))
        {
            // RFC 6665 4.2.1.2: a package we do not know.
            transaction.Respond(SipMessageBuilder.ForResponseTo(request, 489, "Bad Event", SipIds.NewTag())
                .AddHeader(HeaderId.AllowEvents, FeatureXml.EventPackage).BuildResponse());
            return;
        }
        if (request.ToTag is null)
        {
            OnNewSubscription(transaction);
        }
        else
        {
            OnInDialogSubscribe(transaction);
        }
    }

    private void OnNewSubscription(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var user = request.From.Uri?.UnescapedUser;
        if (user is null || !_users.ContainsKey(user))
        {
            transaction.Respond(404, "Not Found");
            return;
        }
        if (!Authenticate(transaction, user))
        {
            return;
        }
        var switches = EffectiveSwitches(user);
        if (switches.RejectSubscribe)
        {
            transaction.Respond(489, "Bad Event");
            Note(user, "SUBSCRIBE answered 489 (switch on)");
            return;
        }
        var expires = Granted(request);
        var subscription = new SimulatedSubscription(Stack, request, user, transaction.Remote, ContactFor(user)) { Lost = OnLost };
        lock (_gate)
        {
            _subscriptions[subscription.CallId] = subscription;
            _users[user].LastEvent = "subscribed to as-feature-event";
        }
        // Routed to us from now on: the phone's refreshes, Sets and unsubscribe come in this dialog.
        subscription.Entry = Stack.Dialogs.Add(subscription.Dialog, DialogOwner.Inline());
        request.TryGetEvent(out var evt);
        subscription.Entry.AddUsage(this, evt);
        Arm(subscription, expires);
        transaction.Respond(Accepted(request, subscription.LocalTag, expires, user));
        if (expires == 0)
        {
            End(subscription, "terminated;reason=timeout", withState: !switches.Silent);
        }
        else if (!switches.Silent)
        {
            // RFC 6665 4.2.1.1: the first NOTIFY, with the full state in one multipart body.
            subscription.Notify(Content(subscription, FullState(user)));
        }
        Raise(user);
    }

    private void OnInDialogSubscribe(ServerTransaction transaction)
    {
        var request = transaction.Request;
        SimulatedSubscription? subscription;
        lock (_gate)
        {
            subscription = _subscriptions.GetValueOrDefault(request.CallId);
        }
        if (subscription is null || subscription.Ended || !subscription.Matches(request))
        {
            transaction.Respond(481, "Subscription Does Not Exist");
            return;
        }
        var user = subscription.User;
        var switches = EffectiveSwitches(user);
        if (switches.RejectSubscribe)
        {
            // A failed refresh ends the subscription (RFC 6665 4.1.2.2).
            Forget(subscription);
            transaction.Respond(489, "Bad Event");
            Note(user, "SUBSCRIBE answered 489 (switch on)");
            return;
        }
        var expires = Granted(request);
        transaction.Respond(Accepted(request, subscription.LocalTag, expires, user));
        if (expires == 0)
        {
            End(subscription, "terminated;reason=timeout", withState: false);
            Note(user, "unsubscribed");
            return;
        }
        Arm(subscription, expires);
        request.TryGetContentType(out var type);
        var body = FeatureBodyReader.Read(type?.MimeType, type?.Boundary, request.Body);
        if (body.IsEmpty)
        {
            // RFC 6665 4.2.1.2: a refresh; BroadWorks resends the full state (docs/protocol.md 1.5).
            if (!switches.Silent)
            {
                subscription.Notify(Content(subscription, FullState(user)));
            }
            Note(user, "subscription refreshed");
            return;
        }
        foreach (var document in body.Documents)
        {
            OnSet(subscription, document, switches);
        }
        foreach (var error in body.Errors)
        {
            Note(user, $"Set document ignored: {error}");
        }
    }

    /// <summary>A phone-side change (docs/protocol.md 1.4): the NOTIFY that follows is the truth.</summary>
    private void OnSet(SimulatedSubscription subscription, FeatureDocument document, SimulatorSwitches switches)
    {
        var user = subscription.User;
        FeatureValue current;
        FeatureKind kind;
        FeatureValue asked;
        lock (_gate)
        {
            switch (document)
            {
                case SetDoNotDisturb dnd:
                    kind = FeatureKind.Dnd;
                    asked = new FeatureValue(dnd.DoNotDisturbOn);
                    break;
                case SetForwarding forward:
                    kind = FeatureSync.AsFeatureEvent.FeatureDocumentMapping.ToKind(forward.ForwardingType);
                    var known = _users[user].Features[kind];
                    asked = new FeatureValue(forward.ActivateForward, forward.ForwardDn ?? known.Target,
                        kind == FeatureKind.ForwardNoAnswer ? forward.RingCount ?? known.RingCount ?? _options.DefaultRingCount : null);
                    break;
                default:
                    _users[user].LastEvent = $"{document.ElementName} ignored";
                    kind = default;
                    asked = null!;
                    break;
            }
            current = asked is null ? null! : _users[user].Features[kind];
        }
        if (asked is null)
        {
            Raise(user);
            return;
        }
        if (switches.RefuseChanges || asked.Enabled && kind != FeatureKind.Dnd && asked.Target is null)
        {
            // The server keeps its value and says so: the old value in the NOTIFY.
            if (!switches.Silent)
            {
                subscription.Notify(Content(subscription, NotifyBodies.One(kind, current, user)));
            }
            Note(user, $"{document.ElementName} {FeatureNames.Describe(kind, asked)} from the phone: refused");
            return;
        }
        Apply(user, kind, asked, "asked by the phone");
    }

    private int Granted(SipRequest request) =>
        (int)Math.Min(request.Expires ?? (uint)_options.MaxSubscriptionExpires, (uint)_options.MaxSubscriptionExpires);

    /// <summary>RFC 6665 4.2.1.1: 200 with the granted Expires and our Contact (the NOTIFYs' remote target).</summary>
    private SipResponse Accepted(SipRequest request, string toTag, int expires, string user) =>
        SipMessageBuilder.ForResponseTo(request, 200, null, toTag)
            .AddHeader(HeaderId.Expires, expires.ToString(CultureInfo.InvariantCulture))
            .AddHeader(HeaderId.Contact, ContactFor(user))
            .AddHeader(HeaderId.AllowEvents, FeatureXml.EventPackage)
            .BuildResponse();

    private (string ContentType, byte[] Body) FullState(string user)
    {
        SimulatedFeatures features;
        lock (_gate)
        {
            features = _users[user].Features;
        }
        return NotifyBodies.FullState(features, user, _options.Boundary);
    }

    /// <summary>RFC 6665 4.2.2: active with the seconds left, as each NOTIFY must say.</summary>
    private NotifyContent Content(SimulatedSubscription subscription, (string ContentType, byte[] Body) body)
    {
        var left = Math.Max(0, (int)Math.Ceiling((subscription.ExpiresAt - _time.GetUtcNow()).TotalSeconds));
        return new NotifyContent(string.Create(CultureInfo.InvariantCulture, $"active;expires={left}"), body.ContentType, body.Body);
    }

    private void Arm(SimulatedSubscription subscription, int expires)
    {
        subscription.ExpiryTimer?.Dispose();
        subscription.ExpiresAt = _time.GetUtcNow().AddSeconds(expires);
        if (expires > 0)
        {
            // RFC 6665 4.2.2: when a subscription expires, a final NOTIFY says so.
            subscription.ExpiryTimer = _time.CreateTimer(_ =>
            {
                End(subscription, "terminated;reason=timeout", withState: false);
                Raise(subscription.User);
            }, null, TimeSpan.FromSeconds(expires), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Ends a subscription with a final NOTIFY (RFC 6665 4.2.2) and forgets it.</summary>
    private void End(SimulatedSubscription subscription, string state, bool withState)
    {
        Forget(subscription);
        var body = withState ? FullState(subscription.User) : default;
        subscription.Notify(new NotifyContent(state, body.ContentType, body.Body ?? []));
    }

    private void Forget(SimulatedSubscription subscription)
    {
        subscription.ExpiryTimer?.Dispose();
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(subscription.CallId, out var known) && ReferenceEquals(known, subscription))
            {
                _subscriptions.Remove(subscription.CallId);
            }
        }
        subscription.Entry?.Dispose();
    }

    private void OnLost(SimulatedSubscription subscription)
    {
        Forget(subscription);
        Raise(subscription.User);
    }

    /// <summary>RFC 6665 4.2.2: reason=deactivated makes the phone subscribe again at once (and meet the 489).</summary>
    private void DeactivateSubscriptions(string user)
    {
        List<SimulatedSubscription> subscriptions;
        lock (_gate)
        {
            subscriptions = _subscriptions.Values.Where(s => s.User == user).ToList();
        }
        foreach (var subscription in subscriptions)
        {
            End(subscription, "terminated;reason=deactivated", withState: false);
        }
    }
}
