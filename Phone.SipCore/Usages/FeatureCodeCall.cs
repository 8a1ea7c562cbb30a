using System.Globalization;
using System.Net.Sockets;
using Phone.SipCore.Dialogs;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Usages;

/// <summary>
/// One feature-code call (docs/protocol.md section 2): INVITE to the code with digest auth,
/// then ACK the 2xx and wait for the PBX's BYE (sending ours after a guard time), or report the
/// error status, or CANCEL when no final response comes in time. Exactly one call per
/// <see cref="DialAsync"/>; nothing is ever replayed (docs/protocol.md section 5).
/// <para>A usage of its INVITE dialog: the PBX's BYE reaches it through the dialog table.</para>
/// </summary>
public sealed class FeatureCodeCall : IDialogUsage
{
    private readonly SipStack _stack;
    private readonly SipEndPoint _destination;
    private readonly AuthenticatingSender _auth;
    private readonly FeatureCodeOptions _options;
    private readonly SipDialog _dialog;
    private readonly string _requestUri;
    private readonly string _contact;
    private uint _inviteCSeq;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _bye = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientTransaction? _current;
    private string? _provisionalBranch;
    private bool _cancelWanted;
    private bool _cancelSent;
    private SipRequest? _ack;

    private FeatureCodeCall(SipStack stack, SipAccount account, SipEndPoint destination, string dialString,
        AuthenticatingSender auth, FeatureCodeOptions options)
    {
        _stack = stack;
        _destination = destination;
        _auth = auth;
        _options = options;
        // RFC 3261 25.1: '*' may stay raw in the user part, '#' must be escaped as %23.
        _requestUri = $"sip:{SipUserPart.Escape(dialString)}@{account.DomainHost}";
        _dialog = SipDialog.CreateOutgoing(SipIds.NewCallId("featuresync"), account.AddressOfRecord, _requestUri, _requestUri, destination);
        _contact = stack.ContactFor(account.User, destination, account.ContactToken);
    }

    /// <summary>Dials <paramref name="dialString"/> (e.g. <c>*722424</c>) from the line's address of record.</summary>
    /// <param name="destination">Where the line's requests go (its registrar or outbound proxy).</param>
    /// <param name="traceTag">The line the call's messages are traced under.</param>
    public static async Task<FeatureCodeOutcome> DialAsync(SipStack stack, SipAccount account, object? traceTag, SipEndPoint destination,
        string dialString, AuthenticatingSender auth, FeatureCodeOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialString);
        var call = new FeatureCodeCall(stack, account, destination, dialString, auth, options);
        // In the table before the INVITE goes out: the PBX's BYE may overtake its 2xx. Its
        // requests only complete a task, so they are handled on the receive path.
        using var entry = stack.Dialogs.Add(call._dialog, DialogOwner.Inline(traceTag));
        entry.AddUsage(call);
        return await call.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>In-dialog requests from the PBX (already matched to this dialog): its BYE above all.</summary>
    public void OnRequest(SipDialog dialog, ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Method == SipMethod.Bye)
        {
            transaction.Respond(200);
            _bye.TrySetResult();
        }
        else if (request.Method == SipMethod.Invite || request.Method == SipMethod.Update)
        {
            transaction.Respond(488, "Not Acceptable Here"); // no media: no new offer is taken
        }
        else if (request.Method == SipMethod.Options)
        {
            transaction.Respond(200);
        }
        else
        {
            transaction.Respond(SipMessageBuilder.ForResponseTo(request, 405).AddHeader(HeaderId.Allow, "ACK, BYE, CANCEL, OPTIONS").BuildResponse());
        }
    }

    private async Task<FeatureCodeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var time = _stack.Time;
        using var answerTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The timer starts before the INVITE goes out, so the timeout counts from the send.
        var noAnswer = Task.Delay(_options.AnswerTimeout, time, answerTimer.Token);
        var sending = _auth.SendAsync(_stack, _destination, BuildInvite, "INVITE", _requestUri,
            cancellationToken, OnProvisional, OnStarted, On2xxRetransmission);
        TransactionOutcome? outcome;
        var cancelled = false;
        try
        {
            if (await Task.WhenAny(sending, noAnswer).ConfigureAwait(false) == sending)
            {
                await answerTimer.CancelAsync().ConfigureAwait(false);
                outcome = await sending.ConfigureAwait(false);
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
                cancelled = true;
                RequestCancel();
                // RFC 3261 9.1: the INVITE should end with 487; give up 64*T1 after the CANCEL.
                var bound = Task.Delay(_stack.Transactions.Timers.Timeout, time, cancellationToken);
                outcome = await Task.WhenAny(sending, bound).ConfigureAwait(false) == sending ? await sending.ConfigureAwait(false) : null;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RequestCancel();
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return Failed(null, StatusPhrase.Detail(StatusPhraseCode.CodeNotSent, SyncLogArg.Text(ex.Message)));
        }
        var response = outcome?.Response;
        if (response is { IsSuccess: true })
        {
            return await CompleteAnsweredAsync(response, cancellationToken).ConfigureAwait(false);
        }
        if (cancelled)
        {
            var status = response is null or { StatusCode: 487 } ? "" : TransactionOutcome.StatusLine(response);
            return Failed(response?.StatusCode, StatusPhrase.Detail(StatusPhraseCode.CodeNoAnswerCancelled, SyncLogArg.Detail(status))) with { NotAnswered = true };
        }
        if (response is null)
        {
            return Failed(null, StatusPhrase.Detail(StatusPhraseCode.CodeNoAnswer, SyncLogArg.TextOrPhrase(FailurePhrases.Outcome(outcome!)))) with { NotAnswered = true };
        }
        return Failed(response.StatusCode, FailurePhrases.Response(response, _auth.AuthFailure));
    }

    /// <summary>ACK the 2xx, then wait for the PBX's BYE; hang up ourselves after the guard time.</summary>
    private async Task<FeatureCodeOutcome> CompleteAnsweredAsync(SipResponse response, CancellationToken cancellationToken)
    {
        _dialog.OnResponse(response, SipMethod.Invite);
        // RFC 3261 13.2.2.4: the ACK of a 2xx is its own transaction: new branch, the INVITE's CSeq number.
        var ack = _dialog.CreateRequest(SipMethod.Ack, NewVia(), _inviteCSeq).BuildRequest();
        lock (_gate)
        {
            _ack = ack;
        }
        // The guard starts before the ACK goes out; a PBX that hangs up at once is still seen.
        var guard = Task.Delay(_options.ByeGuardTime, _stack.Time, cancellationToken);
        // A lost ACK is recovered: the PBX retransmits its 2xx and On2xxRetransmission ACKs again.
        await ResendAsync(ack).ConfigureAwait(false);
        var status = SyncLogArg.Text(TransactionOutcome.StatusLine(response));
        if (await Task.WhenAny(_bye.Task, guard).ConfigureAwait(false) == _bye.Task)
        {
            return new FeatureCodeOutcome(true, response.StatusCode, StatusPhrase.Detail(StatusPhraseCode.CodeAnsweredPbxHungUp, status),
                _requestUri, _dialog.CallId);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            // Even when the line stops, the call must not stay up: hang up without waiting.
            _ = HangUpAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }
        // The phone must not leave the call up (docs/protocol.md section 2); RFC 3261 15.1.1.
        var bye = await HangUpAsync(cancellationToken).ConfigureAwait(false);
        return new FeatureCodeOutcome(true, response.StatusCode, StatusPhrase.Detail(StatusPhraseCode.CodeAnsweredWeHungUp, status,
            SyncLogArg.Text((long)Math.Round(_options.ByeGuardTime.TotalSeconds)), SyncLogArg.TextOrPhrase(bye)), _requestUri, _dialog.CallId);
    }

    private async Task<string> HangUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await _auth.SendAsync(_stack, _destination, BuildBye, "BYE", _dialog.RemoteTarget,
                cancellationToken).ConfigureAwait(false);
            return FailurePhrases.Outcome(outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return StatusPhrase.Detail(StatusPhraseCode.ByeNotSent, SyncLogArg.Detail(ex.Message));
        }
    }

    private FeatureCodeOutcome Failed(int? status, string detail) => new(false, status, detail, _requestUri, _dialog.CallId);

    private void OnStarted(ClientTransaction transaction)
    {
        SipRequest? cancel;
        lock (_gate)
        {
            // Each auth attempt is a new INVITE; a CANCEL wanted earlier applies to it too. Its
            // provisional may already have come (the transaction sends before we learn of it).
            _current = transaction;
            _cancelSent = false;
            cancel = TakeCancel();
        }
        SendCancel(cancel);
    }

    private void OnProvisional(SipResponse response)
    {
        SipRequest? cancel;
        lock (_gate)
        {
            _provisionalBranch = response.TopVia.Branch;
            cancel = TakeCancel();
        }
        SendCancel(cancel);
    }

    private void RequestCancel()
    {
        SipRequest? cancel;
        lock (_gate)
        {
            _cancelWanted = true;
            cancel = TakeCancel();
        }
        SendCancel(cancel);
    }

    // RFC 3261 9.1: no CANCEL before a provisional response; it goes when one arrives.
    private SipRequest? TakeCancel()
    {
        if (!_cancelWanted || _cancelSent || _current is null || _provisionalBranch != _current.Request.TopVia.Branch)
        {
            return null;
        }
        _cancelSent = true;
        return RequestFactory.Cancel(_current.Request);
    }

    private void SendCancel(SipRequest? cancel)
    {
        if (cancel is not null)
        {
            // Its own transaction; the INVITE's 487 tells the outcome, so its result is not awaited.
            _ = _stack.Transactions.StartClient(cancel, _destination);
        }
    }

    private void On2xxRetransmission(SipResponse response)
    {
        SipRequest? ack;
        lock (_gate)
        {
            ack = _ack;
        }
        if (ack is not null)
        {
            // RFC 3261 13.2.2.4: every retransmitted 2xx gets the same ACK again.
            _ = ResendAsync(ack);
        }
    }

    private async Task ResendAsync(SipRequest ack)
    {
        try
        {
            await _stack.SendStatelessAsync(ack, _destination, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A lost ACK is recovered by the next 2xx retransmission.
            _ = ex;
        }
    }

    private string NewVia() => _stack.NewVia(_destination.Transport, _destination.EndPoint, out _);

    /// <summary>The INVITE to the code, rebuilt with a new branch and CSeq for each auth attempt.</summary>
    private SipRequest BuildInvite((string Name, string Value)? auth)
    {
        _inviteCSeq = _dialog.NextCSeq();
        var builder = _dialog.CreateRequest(SipMethod.Invite, NewVia(), _inviteCSeq)
            .AddHeader(HeaderId.Contact, _contact)
            .AddHeader(HeaderId.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS")
            .AddHeader(HeaderId.UserAgent, "FeatureSync");
        if (auth is { } header)
        {
            builder.AddHeader(header.Name, header.Value);
        }
        return builder.SetBody(Sdp(), "application/sdp").BuildRequest();
    }

    /// <summary>RFC 3261 15.1.1: BYE in the dialog with the next CSeq.</summary>
    private SipRequest BuildBye((string Name, string Value)? auth)
    {
        var builder = _dialog.CreateRequest(SipMethod.Bye, NewVia()).AddHeader(HeaderId.UserAgent, "FeatureSync");
        if (auth is { } header)
        {
            builder.AddHeader(header.Name, header.Value);
        }
        return builder.BuildRequest();
    }

    /// <summary>
    /// An offer with one codec (PCMU) on the discard port 9, where nobody listens: the call
    /// only carries the code, no media is wanted (docs/protocol.md section 2; RFC 4566).
    /// </summary>
    private string Sdp()
    {
        var local = _stack.LocalEndPointFor(_destination.Transport, _destination.EndPoint);
        var ip = local.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        var session = string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.Next(1, int.MaxValue)}");
        return $"v=0\r\no=featuresync {session} 1 IN {ip} {local.Address}\r\ns=-\r\nc=IN {ip} {local.Address}\r\nt=0 0\r\n" +
               "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    }
}
