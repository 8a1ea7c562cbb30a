using Phone.SipCore.SyncLog;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Local;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Usages;

/// <summary>
/// The phone executing DND and forwarding itself for incoming INVITEs (local execution):
/// 486 when busy, 302 to a forward target, else 180 Ringing with an optional no-answer 302;
/// CANCEL ends a ringing call with 487 (RFC 3261 9.2). Every call is logged.
/// <para>
/// Single-threaded on the line's queue: INVITEs are routed there, ring timers expire there
/// (<c>scheduler</c>), and a caller's CANCEL, which the stack answers, is posted there.
/// </para>
/// </summary>
public sealed class LocalCallHandler : IDisposable
{
    /// <summary>At most this many calls ring at once; more get 486 (a flood must not grow memory).</summary>
    public const int MaxRinging = 8;

    /// <summary>An unanswered ring with no forward ends with 480 after this long.</summary>
    public static readonly TimeSpan RingLimit = TimeSpan.FromMinutes(3);

    private readonly string _domain;
    private readonly ISyncScheduler _scheduler;
    private readonly Func<bool, IncomingCallDecision> _decide;
    private readonly Action<SyncLogEvent> _log;
    private readonly Dictionary<string, RingingCall> _ringing = new(StringComparer.Ordinal);
    private readonly IRequestQueue _queue;
    private readonly IDisposable _capability;
    private bool _disposed;

    /// <param name="domain">The line's domain, for forward targets given as bare numbers.</param>
    /// <param name="decide">The line's policy; its argument says whether another call is already ringing.</param>
    /// <param name="queue">The line's queue, where a CANCEL's work is posted.</param>
    public LocalCallHandler(SipStack stack, string domain, ISyncScheduler scheduler, IRequestQueue queue,
        Func<bool, IncomingCallDecision> decide, Action<SyncLogEvent> log)
    {
        _queue = queue;
        _capability = stack.Capabilities.Add(["INVITE"], []);
        _domain = domain;
        _scheduler = scheduler;
        _decide = decide;
        _log = log;
    }

    /// <summary>Calls ringing now (read on the line's queue; tests read it after the work is done).</summary>
    public int RingingCount => _ringing.Count;

    /// <summary>Answers an incoming out-of-dialog INVITE by the line's policy.</summary>
    public void OnInvite(ServerTransaction invite)
    {
        var request = invite.Request;
        var caller = request.From.UriText;
        if (request.Method != SipMethod.Invite)
        {
            invite.Respond(405);
            return;
        }
        var tag = SipIds.NewTag();
        var ringingNow = _disposed || _ringing.ContainsKey(request.CallId) ? MaxRinging : _ringing.Count;
        var decision = ringingNow >= MaxRinging
            ? new IncomingCallDecision.Busy { Reason = SyncLogCode.CallBusyTooMany }
            : _decide(ringingNow > 0);
        if (decision is IncomingCallDecision.Ring ring && !StartRinging(invite, tag, caller, ring))
        {
            decision = new IncomingCallDecision.Busy { Reason = SyncLogCode.CallBusyTooMany };
        }
        switch (decision)
        {
            case IncomingCallDecision.Busy:
                invite.Respond(486, "Busy Here", tag);
                _log(SyncLogEvent.Of(decision.Reason, SyncLogArg.Text(caller)));
                break;
            case IncomingCallDecision.Redirect redirect:
                var contact = Redirect(invite, tag, redirect.Target);
                _log(SyncLogEvent.Of(decision.Reason, SyncLogArg.Text(caller), SyncLogArg.Text(contact)));
                break;
            case IncomingCallDecision.Ring ringing:
                // RFC 3261 13.3.1.1: a provisional with a To tag; the same tag goes on the final.
                invite.Respond(180, "Ringing", tag);
                _log(ringing.NoAnswerTarget is { } target
                    ? SyncLogEvent.Of(decision.Reason, SyncLogArg.Text(caller), SyncLogArg.Text(target), SyncLogArg.Text((long)ringing.NoAnswerAfter.TotalSeconds))
                    : SyncLogEvent.Of(decision.Reason, SyncLogArg.Text(caller)));
                break;
        }
    }

    private bool StartRinging(ServerTransaction invite, string tag, string caller, IncomingCallDecision.Ring ring)
    {
        var callId = invite.Request.CallId;
        if (_disposed || _ringing.Count >= MaxRinging || _ringing.ContainsKey(callId))
        {
            return false;
        }
        var call = new RingingCall(invite, tag, caller);
        _ringing[callId] = call;
        // RFC 3261 9.2: the stack answers the CANCEL and tells the INVITE's owner, here on the
        // line's queue; when the queue is full the INVITE is ended at once and the record
        // is cleared when its timer fires.
        if (invite is InviteServerTransaction ist)
        {
            ist.OnCancel = () =>
            {
                if (!_queue.TryPostRequest(() => OnCancelled(callId, call)))
                {
                    invite.Respond(487, "Request Terminated", tag);
                }
            };
        }
        var after = ring.NoAnswerTarget is null ? RingLimit : ring.NoAnswerAfter;
        call.Timer = _scheduler.Schedule(after, () => OnNoAnswer(callId, call, ring.NoAnswerTarget));
        return true;
    }

    /// <summary>The caller's CANCEL matched the ringing INVITE (the stack has answered it 200).</summary>
    private void OnCancelled(string callId, RingingCall call)
    {
        if (!_ringing.TryGetValue(callId, out var current) || !ReferenceEquals(current, call))
        {
            return; // answered or ended meanwhile
        }
        End(callId, call);
        call.Invite.Respond(487, "Request Terminated", call.Tag);
        _log(SyncLogEvent.Of(SyncLogCode.CallCancelled, SyncLogArg.Text(call.Caller)));
    }

    /// <summary>Ends every ringing call (480). On the line's queue.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var (callId, call) in _ringing.ToList())
        {
            End(callId, call);
            call.Invite.Respond(480, "Temporarily Unavailable", call.Tag);
        }
        _capability.Dispose();
    }

    private void OnNoAnswer(string callId, RingingCall call, string? target)
    {
        if (!_ringing.TryGetValue(callId, out var current) || !ReferenceEquals(current, call))
        {
            return; // cancelled or ended meanwhile
        }
        End(callId, call);
        if (target is null)
        {
            call.Invite.Respond(480, "Temporarily Unavailable", call.Tag);
            _log(SyncLogEvent.Of(SyncLogCode.CallNotAnswered, SyncLogArg.Text(call.Caller), SyncLogArg.Text((long)RingLimit.TotalMinutes)));
            return;
        }
        var contact = Redirect(call.Invite, call.Tag, target);
        _log(SyncLogEvent.Of(SyncLogCode.CallForwardedNoAnswer, SyncLogArg.Text(call.Caller), SyncLogArg.Text(contact)));
    }

    private void End(string callId, RingingCall call)
    {
        _ringing.Remove(callId);
        call.Timer?.Dispose();
    }

    /// <summary>RFC 3261 21.3.3: 302 with the new target in Contact.</summary>
    private string Redirect(ServerTransaction invite, string tag, string target)
    {
        var uri = ForwardUri(target);
        invite.Respond(SipMessageBuilder.ForResponseTo(invite.Request, 302, "Moved Temporarily", tag)
            .AddHeader(HeaderId.Contact, $"<{uri}>").BuildResponse());
        return uri;
    }

    /// <summary>A SIP URI target stays as it is; a number becomes sip:number@domain.</summary>
    private string ForwardUri(string target)
    {
        var trimmed = target.Trim();
        return SipUri.TryParse(trimmed, out _) ? trimmed : $"sip:{SipUserPart.Escape(trimmed)}@{_domain}";
    }

    private sealed class RingingCall(ServerTransaction invite, string tag, string caller)
    {
        public ServerTransaction Invite { get; } = invite;

        public string Tag { get; } = tag;

        public string Caller { get; } = caller;

        public IDisposable? Timer { get; set; }
    }
}
