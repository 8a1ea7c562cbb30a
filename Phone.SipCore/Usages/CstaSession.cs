using Phone.SipCore.FeatureSync.Csta;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Usages;

/// <summary>
/// uaCSTA sessions opened by a 3CX server (protocol reference section 4): the server's INVITE
/// with an <c>application/csta+xml</c> body is answered 200 without SDP, then ECMA-323
/// requests in INFOs are answered with the matching response element (or a CSTA error), Set
/// requests are applied to the line, and BYE closes the session.
/// <para>
/// Runs on transport threads: <c>state</c> and <c>apply</c> must be safe to call from there
/// (the line hands <c>apply</c> to its queue).
/// </para>
/// </summary>
public sealed class CstaSession : IIncomingRequestHandler, IDisposable
{
    /// <summary>A server needs one session per line; a few more cover a restart before the old one ends.</summary>
    public const int MaxSessions = 4;

    private const string Allow = "INVITE, ACK, CANCEL, BYE, INFO, OPTIONS";

    private readonly SipStack _stack;
    private readonly int _line;
    private readonly Func<CstaStateSnapshot> _state;
    private readonly Action<FeatureDocument> _apply;
    private readonly Action<string> _log;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public CstaSession(SipStack stack, int line, Func<CstaStateSnapshot> state, Action<FeatureDocument> apply, Action<string> log)
    {
        _stack = stack;
        _line = line;
        _state = state;
        _apply = apply;
        _log = log;
    }

    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

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
        var tag = SipIds.NewTag();
        Session? session;
        lock (_gate)
        {
            if (_sessions.Count >= MaxSessions || _sessions.ContainsKey(request.CallId))
            {
                session = null;
            }
            else
            {
                // A unique monitorCrossRefID per session (ECMA-323 MonitorStartResponse).
                session = new Session(tag, request.FromTag ?? "", SipIds.NewTag(), invite);
                _sessions[request.CallId] = session;
                _stack.RegisterCall(request.CallId, _line, this);
            }
        }
        if (session is null)
        {
            invite.Respond(486, "Busy Here", tag);
            _log("uaCSTA session refused: too many sessions");
            return true;
        }
        // A body in the INVITE is a request of its own; its answer rides in the 200.
        var answer = request.Body.IsEmpty ? null : Handle(request, session);
        if (invite is InviteServerTransaction ist)
        {
            ist.OnAckTimeout = () => OnAckTimeout(request.CallId, session);
        }
        invite.Respond(Ok(invite, request, tag, answer, withContact: true));
        _log($"uaCSTA session opened by {request.From.UriText}");
        return true;
    }

    /// <summary>INFO, BYE and the rest within a session (routed here by Call-ID).</summary>
    public void OnRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        Session? session;
        lock (_gate)
        {
            session = _sessions.GetValueOrDefault(request.CallId);
        }
        if (request.Method == SipMethod.Cancel)
        {
            // RFC 3261 9.2: the INVITE was answered at once, so the CANCEL changes nothing.
            transaction.Respond(_stack.Transactions.FindInviteFor(request) is null ? 481 : 200);
            return;
        }
        if (session is null || request.ToTag != session.LocalTag || request.FromTag != session.RemoteTag)
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
            Close(request.CallId, session);
            transaction.Respond(200);
            _log("uaCSTA session closed by the server");
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
    public void OnAck(SipRequest ack)
    {
        Session? session;
        lock (_gate)
        {
            session = _sessions.GetValueOrDefault(ack.CallId);
        }
        if (session?.Invite is InviteServerTransaction invite && ack.CSeq.Number == invite.Request.CSeq.Number)
        {
            invite.Acknowledge2xx();
        }
    }

    /// <summary>Forgets every session; the server's later requests get 481.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var callId in _sessions.Keys)
            {
                _stack.UnregisterCall(callId);
            }
            _sessions.Clear();
        }
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
            builder.AddHeader(HeaderId.Contact, _stack.ContactFor(request.RequestUri?.User, transaction.Remote))
                .AddHeader(HeaderId.Allow, Allow);
        }
        if (body is not null)
        {
            builder.SetBody(body, CstaResponseWriter.ContentType);
        }
        return builder.BuildResponse();
    }

    private void OnAckTimeout(string callId, Session session)
    {
        // RFC 3261 13.3.1.4: no ACK for the 2xx; the session is given up.
        if (Close(callId, session))
        {
            _log("uaCSTA session closed: the server never acknowledged it");
        }
    }

    private bool Close(string callId, Session session)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(callId, out var current) || !ReferenceEquals(current, session))
            {
                return false;
            }
            _sessions.Remove(callId);
            _stack.UnregisterCall(callId);
            return true;
        }
    }

    private sealed class Session(string localTag, string remoteTag, string monitorCrossRefId, ServerTransaction invite)
    {
        public string LocalTag { get; } = localTag;

        public string RemoteTag { get; } = remoteTag;

        public string MonitorCrossRefId { get; } = monitorCrossRefId;

        /// <summary>The INVITE (or re-INVITE) whose 2xx waits for its ACK.</summary>
        public ServerTransaction Invite { get; set; } = invite;
    }
}
