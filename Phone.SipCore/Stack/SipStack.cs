using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Diagnostics;
using Phone.SipCore.Dialogs;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Stack;

/// <summary>
/// The user agent core shared by every line: parses what the transports deliver, hands
/// responses to the transaction layer, and routes each new request once: in-dialog requests
/// to their dialog (<see cref="DialogTable"/>), out-of-dialog ones to the local identity the
/// Request-URI names (<see cref="LocalIdentityTable"/>). The work itself goes to the owner's
/// queue; nothing on the receive path waits, and a full queue is answered 503. The stack knows
/// no lines and no event packages: usages register what they take (<see cref="Capabilities"/>).
/// </summary>
public sealed class SipStack : ISipPacketHandler, ISipMessageSender, IAsyncDisposable
{
    private readonly ConcurrentDictionary<SipTransportKind, ISipTransport> _transports = new();
    /// <summary>Seconds a peer is asked to wait when an owner's queue is full (RFC 3261 21.5.4).</summary>
    public const int BusyRetryAfterSeconds = 1;

    private readonly ConcurrentDictionary<string, object?> _callTags = new(StringComparer.Ordinal);
    private readonly RecentCallTags _recentCalls = new();
    private readonly ILogger _logger;
    private readonly ISipTraceObserver? _trace;
    private readonly LocalAddressFinder _addresses;

    public SipStack(TimeProvider time, ILogger<SipStack> logger, ISipTraceObserver? trace = null,
        TransactionTimers? timers = null, IPAddress? boundAddress = null, SipMetrics? metrics = null)
    {
        _logger = logger;
        _ownsMetrics = metrics is null;
        Metrics = metrics ?? new SipMetrics();
        _trace = trace;
        _addresses = new LocalAddressFinder(boundAddress ?? IPAddress.Any);
        Time = time;
        Transactions = new TransactionLayer(this, time, logger, timers) { Metrics = Metrics };
        Dialogs = new DialogTable(logger);
        _drops = new DropLog(logger, time);
    }

    public TimeProvider Time { get; }

    /// <summary>The sync-health counters (Meter FeatureSync.Sip) the layers and lines count into.</summary>
    public SipMetrics Metrics { get; }

    private readonly bool _ownsMetrics;

    public TransactionLayer Transactions { get; }

    /// <summary>Every live dialog; usages add theirs before sending the request that makes it.</summary>
    public DialogTable Dialogs { get; }

    /// <summary>The local identities (lines) out-of-dialog requests are routed to.</summary>
    public LocalIdentityTable Identities { get; } = new();

    /// <summary>Methods and event packages the usages take; Allow and Allow-Events come from here.</summary>
    public SipCapabilities Capabilities { get; } = new();

    /// <summary>Requests answered 403 because their owner's trust policy refused the source.</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    private long _refused;

    /// <summary>Requests answered 503 because their owner's queue was full.</summary>
    public long BusyCount => Interlocked.Read(ref _busy);

    private long _busy;

    /// <summary>Messages dropped because they could not be parsed, for tests and diagnostics.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    private long _dropped;

    /// <summary>Messages dropped because they could not be parsed, by <see cref="SipParseError"/> name.</summary>
    public IReadOnlyDictionary<string, long> DropCounts => _drops.Counts;

    // Hostile traffic must not flood the log: drops are logged in full only a few times a minute.
    private readonly DropLog _drops;

    /// <summary>Starts delivering a transport's messages here; one transport per kind.</summary>
    public void AddTransport(ISipTransport transport)
    {
        if (!_transports.TryAdd(transport.Kind, transport))
        {
            throw new InvalidOperationException($"A {transport.Kind} transport is already attached.");
        }
        transport.Start(this);
    }

    public bool HasTransport(SipTransportKind kind) => _transports.ContainsKey(kind);

    /// <summary>Traces messages of this Call-ID (outside any dialog, e.g. REGISTER) under <paramref name="traceTag"/>.</summary>
    public void TraceCall(string callId, object? traceTag) => _callTags[callId] = traceTag;

    public void ForgetCall(string callId) => _callTags.TryRemove(callId, out _);

    /// <summary>Out-of-dialog requests for this identity go to its handler on its owner's queue, until disposed.</summary>
    public IDisposable AddIdentity(LocalIdentity identity) => Identities.Add(identity);

    /// <summary>For tests and simple peers: requests for <paramref name="user"/> handled on the receive path.</summary>
    public IDisposable RegisterUser(string user, IIncomingRequestHandler handler) =>
        Identities.Add(new LocalIdentity(user, null, DialogOwner.Inline(), handler));

    /// <summary>
    /// Takes the out-of-dialog requests no identity claims (a server's REGISTER, whose
    /// Request-URI has no user, or an INVITE to any dialled code), on the receive path.
    /// Null: answer 404 as a phone does.
    /// </summary>
    public IIncomingRequestHandler? DefaultHandler { get; set; }

    /// <summary>
    /// The address and port to put in Via and Contact for messages to <paramref name="remote"/>
    /// over <paramref name="kind"/>: the interface that reaches it, and our listening port.
    /// </summary>
    public IPEndPoint LocalEndPointFor(SipTransportKind kind, IPEndPoint remote)
    {
        var transport = _transports.GetValueOrDefault(kind)
            ?? throw new InvalidOperationException($"No {kind} transport is configured.");
        return new IPEndPoint(_addresses.For(remote.Address), transport.LocalEndPoint.EndPoint.Port);
    }

    /// <summary>A top Via for a new request: our sent-by, a fresh branch and rport (RFC 3581 3).</summary>
    public string NewVia(SipTransportKind kind, IPEndPoint remote, out string branch)
    {
        branch = SipIds.NewBranch();
        var local = LocalEndPointFor(kind, remote);
        return string.Create(CultureInfo.InvariantCulture,
            $"SIP/2.0/{kind.ToString().ToUpperInvariant()} {FormatHostPort(local)};branch={branch};rport");
    }

    /// <summary>
    /// Our Contact for messages to <paramref name="remote"/> (RFC 3261 8.1.1.8): the address
    /// that reaches it, our listening port, the transport when it is not UDP, and the identity's
    /// token (<see cref="LocalIdentity.TokenParameter"/>) so requests to it find the right line.
    /// </summary>
    public string ContactFor(string? user, SipEndPoint remote, string? identityToken = null)
    {
        var local = LocalEndPointFor(remote.Transport, remote.EndPoint);
        var transport = remote.Transport == SipTransportKind.Udp ? "" : $";transport={remote.Transport.ToString().ToLowerInvariant()}";
        var token = string.IsNullOrEmpty(identityToken) ? "" : $";{LocalIdentity.TokenParameter}={identityToken}";
        var userPart = string.IsNullOrEmpty(user) ? "" : user + "@";
        return $"<sip:{userPart}{FormatHostPort(local)}{transport}{token}>";
    }

    /// <summary>host:port with IPv6 in brackets (RFC 3261 25.1).</summary>
    public static string FormatHostPort(IPEndPoint endPoint) => endPoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{endPoint.Address}]:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{endPoint.Address}:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Sends an ACK or another message outside any transaction (still traced).</summary>
    public ValueTask SendStatelessAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken) =>
        SendAsync(message.Buffer, destination, cancellationToken);

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken) =>
        SendTracedAsync(message, null, destination, cancellationToken);

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, string callId, SipEndPoint destination, CancellationToken cancellationToken) =>
        SendTracedAsync(message, callId, destination, cancellationToken);

    private ValueTask SendTracedAsync(ReadOnlyMemory<byte> message, string? callId, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (_transports.GetValueOrDefault(destination.Transport) is not { } transport)
        {
            // A failed task, as from an async method: callers that fire and forget must not throw here.
            return ValueTask.FromException(new InvalidOperationException($"No {destination.Transport} transport is configured."));
        }
        if (_trace is null)
        {
            return transport.SendAsync(message, destination, cancellationToken);
        }
        if (destination.Transport == SipTransportKind.Udp)
        {
            // Connectionless: the message leaves from the bound socket. Traced before it leaves and
            // before its answer can arrive, with no async frame of our own on this, the hot path.
            Trace(SipTraceDirection.Out, destination, transport.LocalEndPoint, message, callId: callId);
            return transport.SendAsync(message, destination, cancellationToken);
        }
        return SendOnConnectionTracedAsync(transport, message, callId, destination, cancellationToken);
    }

    /// <summary>
    /// A stream transport: its local end is known once connected (at once for an open connection),
    /// so a new connection's ephemeral port is in the trace, which still comes before the send.
    /// </summary>
    private async ValueTask SendOnConnectionTracedAsync(ISipTransport transport, ReadOnlyMemory<byte> message,
        string? callId, SipEndPoint destination, CancellationToken cancellationToken)
    {
        SipEndPoint local;
        try
        {
            local = await transport.LocalEndPointTowardsAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A connect that failed: the message still belongs in the trace, as sent towards the peer.
            Trace(SipTraceDirection.Out, destination, transport.LocalEndPoint, message, callId: callId);
            throw;
        }
        Trace(SipTraceDirection.Out, destination, local, message, callId: callId);
        await transport.SendAsync(message, destination, cancellationToken).ConfigureAwait(false);
    }

    public void OnPacket(ReceivedPacket packet)
    {
        var parsed = SipParser.TryParse(packet.Data);
        if (!parsed.Success)
        {
            Interlocked.Increment(ref _dropped);
            Trace(SipTraceDirection.In, packet.Remote, packet.Local, packet.Data);
            _drops.Dropped(packet.Remote, parsed.Error, parsed.Reason);
            return;
        }
        if (_trace is not null && parsed.Message is SipRequest { ToTag: null } fresh && fresh.Method != SipMethod.Ack
            && Identities.Find(fresh.RequestUri, out _) is { Owner.TraceTag: { } tag })
        {
            // Before tracing it: a new request to a line belongs in that line's ladder with its answers.
            _recentCalls.Remember(fresh.CallId, tag);
        }
        Trace(SipTraceDirection.In, packet.Remote, packet.Local, packet.Data, parsed.Message);
        // Ownership (SipMessage, docs/performance.md "Parser"): the stack holds the parse's reference
        // and releases it wherever it is the message's last user; a transaction retains what it keeps.
        if (parsed.Message is SipResponse response)
        {
            if (!Transactions.HandleResponse(response, out var passedUp))
            {
                _logger.LogDebug("Stray response {Status} for {CallId} from {Remote}", response.StatusCode, response.CallId, packet.Remote);
            }
            if (!passedUp)
            {
                response.Release(); // stray or absorbed: nobody else saw it
            }
            return;
        }
        var received = (SipRequest)parsed.Message;
        var request = ViaStamper.Stamp(received, packet.Remote);
        if (request.Method == SipMethod.Notify)
        {
            Metrics.NotifyReceived();
        }
        if (!ReferenceEquals(request, received))
        {
            received.Release(); // the stamped copy replaces it
        }
        var result = Transactions.HandleRequest(request, packet.Remote);
        switch (result.Disposition)
        {
            case ServerRequestDisposition.New:
                Route(result.Transaction!);
                break;
            case ServerRequestDisposition.AckForDialog:
                // RFC 3261 13.3.1.4: the ACK of a 2xx is for the dialog's usage; dropped when its queue is full.
                if (Dialogs.TryFind(request, out var entry))
                {
                    entry.Owner.Queue.TryPostRequest(() => entry.DeliverAck(request));
                }
                else
                {
                    request.Release();
                }
                break;
            default:
                request.Release(); // a retransmission the transaction answered, or a request refused for load
                break;
        }
    }

    /// <summary>A connection or send towards a peer failed (usages holding state there react, e.g. re-register).</summary>
    public event Action<SipEndPoint>? TransportFailed;

    public void OnTransportError(SipEndPoint remote, Exception error)
    {
        _logger.LogInformation("Transport error towards {Remote}: {Message}", remote, error.Message);
        TransportFailed?.Invoke(remote);
    }

    private void Route(ServerTransaction transaction)
    {
        var request = transaction.Request;
        try
        {
            if (request.ToTag is not null)
            {
                if (Dialogs.TryFind(request, out var entry))
                {
                    if (Admit(entry.Owner, transaction, inDialog: true))
                    {
                        // An in-dialog NOTIFY is done with once the line has answered and applied it
                        // (SubscriptionClient keeps decoded values, never the message): the stack's
                        // reference ends after the work item. Other methods' usages may keep their
                        // request, so theirs is left to the GC.
                        Dispatch(entry.Owner, transaction, () => entry.Deliver(transaction, sourceVetted: entry.Owner.Trust is not null),
                            releaseAfter: request.Method == SipMethod.Notify);
                    }
                    return;
                }
                if (request.Method != SipMethod.Options)
                {
                    // An in-dialog request for a dialog we do not know (RFC 3261 12.2.2; RFC 6665 4.1.3 for NOTIFY).
                    transaction.Respond(481, "Call/Transaction Does Not Exist");
                    request.Release();
                    return;
                }
            }
            if (request.Method == SipMethod.Cancel)
            {
                Cancel(transaction);
                return;
            }
            if (request.Method == SipMethod.Options)
            {
                var answer = SipMessageBuilder.ForResponseTo(request, 200, null, request.ToTag ?? SipIds.NewTag())
                    .AddHeader(HeaderId.Allow, Capabilities.Allow);
                if (Capabilities.AllowEvents is { } events)
                {
                    answer.AddHeader(HeaderId.AllowEvents, events);
                }
                transaction.Respond(answer.BuildResponse());
                request.Release();
                return;
            }
            var identity = Identities.Find(request.RequestUri, out var ambiguous);
            if (identity is not null)
            {
                if (Admit(identity.Owner, transaction, inDialog: false))
                {
                    Dispatch(identity.Owner, transaction, () => identity.Handler.OnRequest(transaction));
                }
                return;
            }
            if (ambiguous)
            {
                // RFC 3261 21.4.23: several lines share the user and the Request-URI names no line token.
                transaction.Respond(485, "Ambiguous");
                request.Release();
                return;
            }
            if (DefaultHandler is { } fallback)
            {
                fallback.OnRequest(transaction);
                return;
            }
            transaction.Respond(request.Method == SipMethod.Notify ? 481 : 404);
            request.Release();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fail(transaction, ex);
        }
    }

    /// <summary>
    /// The owner's trust policy, applied once here before any usage or queue sees the request:
    /// a source it does not trust gets 403 and changes nothing.
    /// </summary>
    private bool Admit(DialogOwner owner, ServerTransaction transaction, bool inDialog)
    {
        if (owner.Trust is not { } trust)
        {
            return true;
        }
        var verdict = trust.Check(transaction.Request, transaction.Remote, inDialog);
        if (verdict.Trusted)
        {
            return true;
        }
        Interlocked.Increment(ref _refused);
        Metrics.RequestRefused(RefusalReason.Untrusted);
        // Debug only: a hostile peer decides how often this happens; the owner counts and logs it (bounded).
        _logger.LogDebug("{Method} from {Remote} refused (403): not the owner's server", transaction.Request.Method, transaction.Remote);
        transaction.Respond(403, "Forbidden");
        trust.OnRefused(transaction.Request, transaction.Remote, verdict);
        return false;
    }

    /// <summary>
    /// Hands the request's work to its owner's queue; a full queue is answered 503 at once.
    /// With <paramref name="releaseAfter"/> the stack's reference to the request ends when the work
    /// has run (or the 503 was sent); the transaction keeps its own until it ends.
    /// </summary>
    private void Dispatch(DialogOwner owner, ServerTransaction transaction, Action work, bool releaseAfter = false)
    {
        var queued = owner.Queue.TryPostRequest(() =>
        {
            try
            {
                work();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Fail(transaction, ex);
            }
            finally
            {
                if (releaseAfter)
                {
                    transaction.Request.Release();
                }
            }
        });
        if (!queued)
        {
            Interlocked.Increment(ref _busy);
            Metrics.RequestRefused(RefusalReason.Busy);
            // Debug only: a flood decides how often this happens; BusyCount counts it.
            _logger.LogDebug("{Method} from {Remote} refused: its line's queue is full", transaction.Request.Method, transaction.Remote);
            transaction.Respond(SipMessageBuilder.ForResponseTo(transaction.Request, 503, "Service Unavailable")
                .AddHeader(HeaderId.RetryAfter, BusyRetryAfterSeconds.ToString(CultureInfo.InvariantCulture)).BuildResponse());
            if (releaseAfter)
            {
                transaction.Request.Release();
            }
        }
    }

    /// <summary>
    /// RFC 3261 9.2: a CANCEL is answered 200 when its INVITE is still live, 481 otherwise; the
    /// INVITE's owner ends it (487), or the stack does when no owner asked to be told.
    /// </summary>
    private void Cancel(ServerTransaction cancel)
    {
        if (Transactions.FindInviteFor(cancel.Request) is not { } invite)
        {
            cancel.Respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        cancel.Respond(200);
        if (invite.OnCancel is { } owner)
        {
            owner();
        }
        else if (invite.LastResponse is null or { StatusCode: < 200 })
        {
            invite.Respond(487, "Request Terminated", SipIds.NewTag());
        }
    }

    private void Fail(ServerTransaction transaction, Exception error)
    {
        _logger.LogError(error, "Handling {Method} from {Remote} failed", transaction.Request.Method, transaction.Remote);
        transaction.Respond(500, "Server Internal Error");
    }

    /// <summary>Hands a message to the trace observer with the tag of the call or dialog it belongs to.</summary>
    private void Trace(SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> data, SipMessage? parsed = null,
        string? callId = null)
    {
        if (_trace is null)
        {
            return;
        }
        object? tag = null;
        callId ??= parsed?.CallId ?? TryReadCallId(data);
        if (callId is not null)
        {
            tag = _callTags.TryGetValue(callId, out var known) ? known : Dialogs.TraceTagOf(callId) ?? _recentCalls.Find(callId);
        }
        _trace.Traced(direction, remote, Concrete(local, remote), data, tag);
    }

    /// <summary>
    /// A socket bound to every interface reports 0.0.0.0 or [::]; the trace wants the address the
    /// peer saw, which is the interface that reaches it (as in Via and Contact).
    /// </summary>
    private SipEndPoint Concrete(SipEndPoint local, SipEndPoint remote)
    {
        var address = local.EndPoint.Address;
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return local;
        }
        return local with { EndPoint = new IPEndPoint(_addresses.For(remote.EndPoint.Address), local.EndPoint.Port) };
    }

    private static string? TryReadCallId(ReadOnlyMemory<byte> data)
    {
        var parsed = SipParser.TryParse(data);
        if (!parsed.Success)
        {
            return null;
        }
        var callId = parsed.Message.CallId;
        parsed.Message.Release();
        return callId;
    }

    public async ValueTask DisposeAsync()
    {
        Transactions.Dispose();
        _drops.Dispose();
        foreach (var transport in _transports.Values)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }
    }
}
