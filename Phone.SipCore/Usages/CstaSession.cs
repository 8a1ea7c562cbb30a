using Phone.SipCore.SyncLog;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Csta;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Usages;

/// <summary>
/// uaCSTA sessions opened by a 3CX server (docs/protocol.md section 4): the server's INVITE
/// with an <c>application/csta+xml</c> body is answered 200 without SDP, then ECMA-323
/// requests in INFOs are answered with the matching response element (or a CSTA error), Set
/// requests are applied to the line, and BYE closes the session.
/// <para>
/// Each session is a usage of the dialog its INVITE made. Everything runs on the line's queue
/// (the dialog owner's): a Set is applied before its INFO is answered, so a Get right after it
/// reports the new value, and nothing waits.
/// </para>
/// </summary>
public sealed class CstaSession : IDialogUsage, IDisposable
{
    /// <summary>A server needs one session per line; a few more cover a restart before the old one ends.</summary>
    public const int MaxSessions = 4;

    private const string Allow = "INVITE, ACK, CANCEL, BYE, INFO, OPTIONS";

    private readonly SipStack _stack;
    private readonly DialogOwner _owner;
    private readonly Func<CstaStateSnapshot> _state;
    private readonly Action<FeatureDocument> _apply;
    private readonly Action<SyncLogEvent> _log;
    private readonly Dictionary<SipDialog, Session> _sessions = [];
    private readonly IDisposable _capability;

    /// <param name="owner">The line's queue and trace tag: every request of a session is handled there.</param>
    /// <param name="state">The line's feature state, read on the line's queue.</param>
    /// <param name="apply">Applies a Set on the line's queue, before the INFO is answered.</param>
    public CstaSession(SipStack stack, DialogOwner owner, Func<CstaStateSnapshot> state, Action<FeatureDocument> apply, Action<SyncLogEvent> log)
    {
        _stack = stack;
        _owner = owner;
        _state = state;
        _apply = apply;
        _log = log;
        _capability = stack.Capabilities.Add(["INVITE", "BYE", "INFO"], []);
    }

    public int SessionCount => _sessions.Count;

    /// <summary>The open sessions' Call-IDs (the diagnosis' evidence). On the line's queue, like every use of the sessions.</summary>
    public IReadOnlyList<string> SessionCallIds => [.. _sessions.Keys.Select(d => d.CallId)];

    /// <summary>Whether an INVITE opens a uaCSTA session: its body is <c>application/csta+xml</c>.</summary>
    public static bool IsCstaInvite(SipRequest request) =>
        request.Method == SipMethod.Invite && request.TryGetContentType(out var type)
        && string.Equals(type.MimeType, CstaResponseWriter.ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Opens a session for a uaCSTA INVITE and answers it 200; returns false, without
    /// answering, for any other INVITE (a call for local execution).
    /// </summary>
    public bool OnInvite(ServerTransaction invite)
    {
        var request = invite.Request;
        if (!IsCstaInvite(request))
        {
            return false;
        }
        if (_sessions.Count >= MaxSessions)
        {
            invite.Respond(486, "Busy Here", SipIds.NewTag());
            _log(SyncLogEvent.Of(SyncLogCode.CstaRefusedTooMany));
            return true;
        }
        var dialog = SipDialog.CreateIncoming(request, invite.Remote);
        var entry = _stack.Dialogs.Add(dialog, _owner);
        entry.AddUsage(this);
        // A unique monitorCrossRefID per session (ECMA-323 MonitorStartResponse).
        var session = new Session(entry, SipIds.NewTag(), invite);
        _sessions[dialog] = session;
        // A body in the INVITE is a request of its own; its answer rides in the 200.
        var answer = request.Body.IsEmpty ? null : Handle(request, session);
        if (invite is InviteServerTransaction ist)
        {
            ist.OnAckTimeout = () => _owner.Queue.TryPostRequest(() => OnAckTimeout(session));
        }
        invite.Respond(Ok(invite, request, dialog.LocalTag, answer, withContact: true));
        _log(SyncLogEvent.Of(SyncLogCode.CstaOpened, SyncLogArg.Text(request.From.UriText)));
        return true;
    }

    /// <summary>INFO, BYE and the rest within a session (already matched to its dialog).</summary>
    public void OnRequest(SipDialog dialog, ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!_sessions.TryGetValue(dialog, out var session))
        {
            transaction.Respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        if (request.Method == SipMethod.Info)
        {
            OnInfo(transaction, session);
        }
        else if (request.Method == SipMethod.Bye)
        {
            Close(session);
            transaction.Respond(200);
            _log(SyncLogEvent.Of(SyncLogCode.CstaClosedByServer));
        }
        else if (request.Method == SipMethod.Invite)
        {
            // A session refresh (re-INVITE): accept it like the first.
            session.Invite = transaction;
            transaction.Respond(Ok(transaction, request, null, null, withContact: true));
        }
        else if (request.Method == SipMethod.Options)
        {
            transaction.Respond(200);
        }
        else
        {
            transaction.Respond(SipMessageBuilder.ForResponseTo(request, 405).AddHeader(HeaderId.Allow, Allow).BuildResponse());
        }
    }

    /// <summary>RFC 3261 13.3.1.4: the ACK stops our 2xx retransmissions.</summary>
    public void OnAck(SipDialog dialog, SipRequest ack)
    {
        if (_sessions.GetValueOrDefault(dialog) is { } session && session.Invite is InviteServerTransaction invite && ack.CSeq.Number == invite.Request.CSeq.Number)
        {
            invite.Acknowledge2xx();
        }
    }

    /// <summary>Forgets every session; the server's later requests get 481. On the line's queue.</summary>
    public void Dispose()
    {
        foreach (var session in _sessions.Values.ToList())
        {
            Close(session);
        }
        _capability.Dispose();
    }

    private void OnInfo(ServerTransaction transaction, Session session)
    {
        var request = transaction.Request;
        if (!request.TryGetContentType(out var type)
            || !string.Equals(type.MimeType, CstaResponseWriter.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            // RFC 3261 21.4.13: say which body we take.
            transaction.Respond(SipMessageBuilder.ForResponseTo(request, 415).AddHeader(HeaderId.Accept, CstaResponseWriter.ContentType).BuildResponse());
            return;
        }
        var answer = Handle(request, session);
        transaction.Respond(Ok(transaction, request, null, answer, withContact: false));
    }

    /// <summary>Reads, decides and applies one request; returns the response body.</summary>
    private string Handle(SipRequest request, Session session)
    {
        var outcome = CstaRequestHandler.Handle(CstaRequestReader.Read(request.Body), _state(), session.MonitorCrossRefId);
        if (outcome.Change is { } change)
        {
            _apply(change);
        }
        _log(outcome.Log);
        return outcome.ResponseBody;
    }

    private SipResponse Ok(ServerTransaction transaction, SipRequest request, string? tag, string? body, bool withContact)
    {
        var builder = SipMessageBuilder.ForResponseTo(request, 200, null, tag);
        if (withContact)
        {
            // RFC 3261 12.1.1: the 2xx that makes a dialog carries our Contact.
            builder.AddHeader(HeaderId.Contact, _stack.ContactFor(request.RequestUri?.User, transaction.Remote,
                    request.RequestUri?.Parameters.Get(LocalIdentity.TokenParameter)))
                .AddHeader(HeaderId.Allow, Allow);
        }
        if (body is not null)
        {
            builder.SetBody(body, CstaResponseWriter.ContentType);
        }
        return builder.BuildResponse();
    }

    private void OnAckTimeout(Session session)
    {
        // RFC 3261 13.3.1.4: no ACK for the 2xx; the session is given up.
        if (Close(session))
        {
            _log(SyncLogEvent.Of(SyncLogCode.CstaNotAcknowledged));
        }
    }

    private bool Close(Session session)
    {
        if (!_sessions.Remove(session.Entry.Dialog))
        {
            return false;
        }
        session.Entry.RemoveUsage(this);
        return true;
    }

    private sealed class Session(DialogEntry entry, string monitorCrossRefId, ServerTransaction invite)
    {
        /// <summary>The session's dialog in the stack's table.</summary>
        public DialogEntry Entry { get; } = entry;

        public string MonitorCrossRefId { get; } = monitorCrossRefId;

        /// <summary>The INVITE (or re-INVITE) whose 2xx waits for its ACK.</summary>
        public ServerTransaction Invite { get; set; } = invite;
    }
}
