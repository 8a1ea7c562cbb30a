using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Stack;

/// <summary>
/// The user agent core shared by every line: parses what the transports deliver, answers
/// what cannot be parsed, hands responses to the transaction layer and routes new requests
/// to the usage that owns their Call-ID or to the line that owns the Request-URI user.
/// Everything sent and received is traced to the line that owns its Call-ID.
/// </summary>
public sealed class SipStack : ISipPacketHandler, ISipMessageSender, IAsyncDisposable
{
    private readonly ConcurrentDictionary<SipTransportKind, ISipTransport> _transports = new();
    private readonly ConcurrentDictionary<string, IIncomingRequestHandler> _dialogs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IIncomingRequestHandler> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _callLines = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly ILineEventSink? _events;
    private readonly LocalAddressFinder _addresses;

    public SipStack(TimeProvider time, ILogger<SipStack> logger, ILineEventSink? events = null,
        TransactionTimers? timers = null, IPAddress? boundAddress = null)
    {
        _logger = logger;
        _events = events;
        _addresses = new LocalAddressFinder(boundAddress ?? IPAddress.Any);
        Time = time;
        Transactions = new TransactionLayer(this, time, logger, timers);
    }

    public TimeProvider Time { get; }

    public TransactionLayer Transactions { get; }

    /// <summary>Messages dropped because they could not be parsed, for tests and diagnostics.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    private long _dropped;

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

    /// <summary>Routes requests of this Call-ID (a dialog or subscription we own) to <paramref name="handler"/>.</summary>
    public void RegisterCall(string callId, int line, IIncomingRequestHandler handler)
    {
        _dialogs[callId] = handler;
        _callLines[callId] = line;
    }

    /// <summary>Traces messages of this Call-ID to <paramref name="line"/> without routing requests.</summary>
    public void BindCallToLine(string callId, int line) => _callLines[callId] = line;

    public void UnregisterCall(string callId)
    {
        _dialogs.TryRemove(callId, out _);
        _callLines.TryRemove(callId, out _);
    }

    /// <summary>Out-of-dialog requests for this Request-URI user go to <paramref name="handler"/> (the line).</summary>
    public void RegisterUser(string user, IIncomingRequestHandler handler) => _users[user] = handler;

    public void UnregisterUser(string user, IIncomingRequestHandler handler) =>
        _users.TryRemove(new KeyValuePair<string, IIncomingRequestHandler>(user, handler));

    /// <summary>
    /// Takes the out-of-dialog requests no Call-ID or user claims (a server's REGISTER, whose
    /// Request-URI has no user, or an INVITE to any dialled code). Null: answer 404 as a phone does.
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
    /// that reaches it, our listening port, and the transport when it is not UDP.
    /// </summary>
    public string ContactFor(string? user, SipEndPoint remote)
    {
        var local = LocalEndPointFor(remote.Transport, remote.EndPoint);
        var transport = remote.Transport == SipTransportKind.Udp ? "" : $";transport={remote.Transport.ToString().ToLowerInvariant()}";
        var userPart = string.IsNullOrEmpty(user) ? "" : user + "@";
        return $"<sip:{userPart}{FormatHostPort(local)}{transport}>";
    }

    /// <summary>host:port with IPv6 in brackets (RFC 3261 25.1).</summary>
    public static string FormatHostPort(IPEndPoint endPoint) => endPoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{endPoint.Address}]:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{endPoint.Address}:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Sends an ACK or another message outside any transaction (still traced).</summary>
    public ValueTask SendStatelessAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken) =>
        SendAsync(message.Buffer, destination, cancellationToken);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        var transport = _transports.GetValueOrDefault(destination.Transport)
            ?? throw new InvalidOperationException($"No {destination.Transport} transport is configured.");
        Trace(SipTraceDirection.Out, destination, message);
        await transport.SendAsync(message, destination, cancellationToken).ConfigureAwait(false);
    }

    public void OnPacket(ReceivedPacket packet)
    {
        var parsed = SipParser.TryParse(packet.Data);
        if (!parsed.Success)
        {
            Interlocked.Increment(ref _dropped);
            Trace(SipTraceDirection.In, packet.Remote, packet.Data);
            _logger.LogInformation("Dropped a message from {Remote}: {Reason}", packet.Remote, parsed.Reason);
            return;
        }
        Trace(SipTraceDirection.In, packet.Remote, packet.Data, parsed.Message);
        if (parsed.Message is SipResponse response)
        {
            if (!Transactions.HandleResponse(response))
            {
                _logger.LogDebug("Stray response {Status} for {CallId} from {Remote}", response.StatusCode, response.CallId, packet.Remote);
            }
            return;
        }
        var request = ViaStamper.Stamp((SipRequest)parsed.Message, packet.Remote.EndPoint);
        var result = Transactions.HandleRequest(request, packet.Remote);
        switch (result.Disposition)
        {
            case ServerRequestDisposition.New:
                Route(result.Transaction!);
                break;
            case ServerRequestDisposition.AckForDialog:
                if (_dialogs.TryGetValue(request.CallId, out var owner))
                {
                    owner.OnAck(request);
                }
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
            if (_dialogs.TryGetValue(request.CallId, out var dialogOwner))
            {
                dialogOwner.OnRequest(transaction);
                return;
            }
            if (request.ToTag is not null && request.Method != SipMethod.Options)
            {
                // An in-dialog request for a dialog we do not know (RFC 3261 12.2.2; RFC 6665 4.1.3 for NOTIFY).
                transaction.Respond(481, "Call/Transaction Does Not Exist");
                return;
            }
            if (request.Method == SipMethod.Options)
            {
                transaction.Respond(SipMessageBuilder.ForResponseTo(request, 200, null, request.ToTag ?? SipIds.NewTag())
                    .AddHeader(HeaderId.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS, SUBSCRIBE, NOTIFY, INFO")
                    .AddHeader(HeaderId.AllowEvents, "as-feature-event")
                    .BuildResponse());
                return;
            }
            var user = request.RequestUri?.UnescapedUser;
            if (user is not null && _users.TryGetValue(user, out var line))
            {
                line.OnRequest(transaction);
                return;
            }
            if (DefaultHandler is { } fallback)
            {
                fallback.OnRequest(transaction);
                return;
            }
            transaction.Respond(request.Method == SipMethod.Notify ? 481 : 404);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Handling {Method} from {Remote} failed", request.Method, transaction.Remote);
            transaction.Respond(500, "Server Internal Error");
        }
    }

    /// <summary>Records a message in the trace of the line that owns its Call-ID.</summary>
    private void Trace(SipTraceDirection direction, SipEndPoint remote, ReadOnlyMemory<byte> data, SipMessage? parsed = null)
    {
        if (_events is null)
        {
            return;
        }
        int? line = null;
        var callId = parsed?.CallId ?? TryReadCallId(data);
        if (callId is not null && _callLines.TryGetValue(callId, out var owner))
        {
            line = owner;
        }
        _events.SipTrace(line, direction, remote, data);
    }

    private static string? TryReadCallId(ReadOnlyMemory<byte> data)
    {
        var parsed = SipParser.TryParse(data);
        return parsed.Success ? parsed.Message.CallId : null;
    }

    public async ValueTask DisposeAsync()
    {
        Transactions.Dispose();
        foreach (var transport in _transports.Values)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }
    }
}
