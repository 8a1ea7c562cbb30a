using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Simulator;

public sealed partial class PbxSimulator
{
    /// <summary>
    /// A feature-code call (docs/protocol.md section 2): authenticate, read the code with the
    /// user's preset, keep the state it implies, answer 200 with SDP, and hang up after the ACK.
    /// </summary>
    private void OnInvite(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.ToTag is not null)
        {
            transaction.Respond(488, "Not Acceptable Here"); // no re-INVITE: there is no media to change
            return;
        }
        var user = request.From.Uri?.UnescapedUser;
        if (user is null || !_users.ContainsKey(user))
        {
            transaction.Respond(403, "Forbidden");
            return;
        }
        if (!Authenticate(transaction, user))
        {
            return;
        }
        var dialled = request.RequestUri?.UnescapedUser ?? "";
        var profile = _users[user].Account.CodeProfile ?? _options.CodeProfile;
        var action = FeatureCodeInterpreter.Interpret(profile, dialled);
        if (action is null)
        {
            Dialled(user, new DialledCode(dialled, $"not a {profile.Name} code", 404, _time.GetUtcNow()));
            transaction.Respond(404, "Not Found");
            return;
        }
        if (EffectiveSwitches(user).RefuseChanges)
        {
            Dialled(user, new DialledCode(dialled, $"{action.Describe()}: refused", 403, _time.GetUtcNow()));
            transaction.Respond(403, "Forbidden");
            return;
        }
        var call = new SimulatedCodeCall(Stack, transaction);
        _calls[call.CallId] = call;
        // The ACK and the phone's BYE come in this dialog; the simulator handles them on the receive path.
        call.Entry = Stack.Dialogs.Add(call.Dialog, DialogOwner.Inline());
        call.Entry.AddUsage(this);
        if (transaction is InviteServerTransaction invite)
        {
            // RFC 3261 13.3.1.4: no ACK within 64*T1 ends the call with a BYE all the same.
            invite.OnAckTimeout = () => HangUp(call);
        }
        // State first, then the record of the code: whoever sees the code also sees its effect.
        Apply(user, action.Kind, ValueOf(user, action), $"code {dialled}");
        Dialled(user, new DialledCode(dialled, action.Describe(), 200, _time.GetUtcNow()));
        transaction.Respond(call.BuildOk(ContactFor(dialled)));
    }

    private FeatureValue ValueOf(string user, CodeAction action)
    {
        FeatureValue known;
        lock (_gate)
        {
            known = _users[user].Features[action.Kind];
        }
        if (action.Kind == FeatureKind.Dnd)
        {
            return new FeatureValue(action.Enable);
        }
        // A code carries no ring count: the known one stays.
        var rings = action.Kind == FeatureKind.ForwardNoAnswer ? known.RingCount ?? _options.DefaultRingCount : (int?)null;
        return action.Enable ? new FeatureValue(true, action.Number, rings) : known with { Enabled = false };
    }

    private void Dialled(string user, DialledCode code)
    {
        lock (_gate)
        {
            _users[user].LastDialled = code;
        }
        Raise(user);
    }

    /// <summary>The ACK of our 200 (RFC 3261 13.3.1.4): the prompt "plays", then we hang up.</summary>
    public void OnAck(Messages.SipRequest ack)
    {
        if (!_calls.TryGetValue(ack.CallId, out var call))
        {
            return;
        }
        (call.Invite as InviteServerTransaction)?.Acknowledge2xx();
        call.HangUpTimer ??= _time.CreateTimer(_ => HangUp(call), null, _options.HangUpAfter, Timeout.InfiniteTimeSpan);
    }

    private void HangUp(SimulatedCodeCall call)
    {
        if (!call.TryEnd())
        {
            return;
        }
        ClientTransaction bye;
        try
        {
            bye = Stack.Transactions.StartClient(call.BuildBye(), call.Invite.Remote);
        }
        catch (InvalidOperationException)
        {
            return; // shutting down
        }
        _ = bye.Completion.ContinueWith(_ =>
        {
            _calls.TryRemove(call.CallId, out var _);
            call.Entry?.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The phone hung up first (RFC 3261 15.1.2).</summary>
    private void OnBye(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!_calls.TryRemove(request.CallId, out var call) || request.ToTag != call.LocalTag)
        {
            transaction.Respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        call.TryEnd();
        transaction.Respond(200);
        call.Entry?.Dispose();
    }
}
