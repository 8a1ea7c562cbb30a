using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// A small BroadWorks-style registrar and application server on our own transaction layer,
/// for fault tests. Unlike sipp it retransmits its NOTIFYs (RFC 3261 17.1.2 Timer E), so a
/// flow over a lossy link converges the way it would against a real server. It knows DND
/// only: full state is DND plus three forwardings off; a Set request changes DND and is
/// confirmed by a NOTIFY; unknown subscription dialogs get 481 (RFC 6665 4.1.2.2).
/// </summary>
public sealed partial class FeatureServer : ISipPacketHandler, ISipMessageSender, IAsyncDisposable
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private readonly ISipTransport _transport;
    private readonly TransactionLayer _layer;
    private readonly Lock _gate = new();
    private Dialog? _dialog;
    private (string Uri, SipEndPoint Remote)? _registered;
    private int _registers;
    private int _initialSubscribes;
    private int _refused;
    private int _stray;
    private int _stray503;

    public FeatureServer(ISipTransport transport, TimeProvider? time = null, int expires = 3600)
    {
        _transport = transport;
        Expires = expires;
        _layer = new TransactionLayer(this, time ?? TimeProvider.System, NullLogger.Instance);
        transport.Start(this);
    }

    /// <summary>A server on its own UDP socket at <paramref name="address"/> (a loopback address), any free port.</summary>
    public static FeatureServer OnUdp(System.Net.IPAddress address)
    {
        var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        socket.Bind(new System.Net.IPEndPoint(address, 0));
        return new FeatureServer(new UdpSipTransport(socket, NullLogger.Instance));
    }

    public SipEndPoint EndPoint => _transport.LocalEndPoint;

    /// <summary>What the server grants for registrations and subscriptions, in seconds.</summary>
    public int Expires { get; }

    /// <summary>The server's DND, the source of truth.</summary>
    public bool Dnd { get; private set; }

    public int Registers => Volatile.Read(ref _registers);

    public int InitialSubscribes => Volatile.Read(ref _initialSubscribes);

    /// <summary>Requests answered 481 because they named a subscription this server does not know.</summary>
    public int Refused481 => Volatile.Read(ref _refused);

    /// <summary>Responses matching no transaction: the phone's answers to <see cref="BurstDnd"/>.</summary>
    public int StrayResponses => Volatile.Read(ref _stray);

    /// <summary>Stray responses that were 503: NOTIFYs the phone refused because the line's queue was full.</summary>
    public int StrayBusy => Volatile.Read(ref _stray503);

    /// <summary>Completes when <paramref name="count"/> stray responses have arrived, or returns false after <paramref name="within"/>.</summary>
    public async Task<bool> WaitForStrayResponsesAsync(int count, TimeSpan within)
    {
        var target = new StrayTarget(count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _strayTarget = target;
        if (StrayResponses >= count)
        {
            return true;
        }
        return await Task.WhenAny(target.Done.Task, Task.Delay(within)) == target.Done.Task;
    }

    private volatile StrayTarget? _strayTarget;

    /// <summary>The subscription's identifiers (Call-ID, the server's tag, the phone's From header and Contact), for forged requests.</summary>
    public (string CallId, string ServerTag, string PhoneFrom, string PhoneTarget) DialogIds
    {
        get
        {
            lock (_gate)
            {
                var d = _dialog ?? throw new InvalidOperationException("no subscription");
                return (d.CallId, d.LocalTag, d.RemoteUri, d.RemoteTarget);
            }
        }
    }

    public bool HasSubscription
    {
        get
        {
            lock (_gate)
            {
                return _dialog is not null;
            }
        }
    }

    /// <summary>A server-side change (another device, the portal): stored, then NOTIFYed in a retransmitting transaction.</summary>
    public Task<TransactionOutcome>? ChangeDnd(bool on)
    {
        lock (_gate)
        {
            Dnd = on;
            return _dialog is { } dialog ? SendNotify(dialog, DndEvent(on)) : null;
        }
    }

    /// <summary>
    /// A storm: <paramref name="count"/> NOTIFYs on the subscription, sent back to back outside
    /// any transaction (no retransmission), DND taken from <paramref name="dndOf"/>(1..count).
    /// </summary>
    public async Task BurstDnd(int count, Func<int, bool> dndOf)
    {
        Dialog dialog;
        lock (_gate)
        {
            dialog = _dialog ?? throw new InvalidOperationException("no subscription to notify");
        }
        for (var i = 1; i <= count; i++)
        {
            var on = dndOf(i);
            lock (_gate)
            {
                Dnd = on;
            }
            await _transport.SendAsync(Notify(dialog, DndEvent(on)).Buffer, dialog.Remote, CancellationToken.None);
        }
    }

    /// <summary>The Contact URI of the last REGISTER, where this server sends calls for the user.</summary>
    public string? RegisteredContact
    {
        get
        {
            lock (_gate)
            {
                return _registered?.Uri;
            }
        }
    }

    /// <summary>
    /// An incoming call for the registered user, as a PBX places it: INVITE to the registered
    /// Contact (or <paramref name="requestUri"/>). Returns the first answer above 100; a 180 is
    /// then cancelled (RFC 3261 9.1) and the INVITE's final status returned as well.
    /// </summary>
    public async Task<(int First, int Final)> CallAsync(string? requestUri = null, TimeSpan? within = null)
    {
        (string Uri, SipEndPoint Remote) target;
        lock (_gate)
        {
            target = _registered ?? throw new InvalidOperationException("nobody registered");
        }
        var host = SipStack.FormatHostPort(EndPoint.EndPoint);
        var invite = SipMessageBuilder.ForRequest(SipMethod.Invite, requestUri ?? target.Uri)
            .AddHeader(HeaderId.Via, $"SIP/2.0/UDP {host};branch={SipIds.NewBranch()}")
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, $"<sip:caller@{host}>;tag={SipIds.NewTag()}")
            .AddHeader(HeaderId.To, $"<sip:2001@{host}>")
            .AddHeader(HeaderId.CallId, SipIds.NewCallId("pbx"))
            .AddHeader(HeaderId.CSeq, "1 INVITE")
            .AddHeader(HeaderId.Contact, $"<sip:caller@{host}>")
            .BuildRequest();
        var ringing = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = _layer.StartClient(invite, target.Remote, onProvisional: r =>
        {
            if (r.StatusCode > 100)
            {
                ringing.TrySetResult(r.StatusCode);
            }
        });
        var bound = Task.Delay(within ?? TimeSpan.FromSeconds(10));
        var first = await Task.WhenAny(ringing.Task, call.Completion, bound);
        if (first == bound)
        {
            throw new TimeoutException("the phone did not answer the INVITE");
        }
        if (first == call.Completion)
        {
            var final = (await call.Completion).Response?.StatusCode ?? 0;
            return (final, final);
        }
        _layer.StartClient(RequestFactory.Cancel(invite), target.Remote);
        var outcome = await call.Completion.WaitAsync(within ?? TimeSpan.FromSeconds(10));
        return (await ringing.Task, outcome.Response?.StatusCode ?? 0);
    }

    public void OnPacket(ReceivedPacket packet)
    {
        var parsed = SipParser.TryParse(packet.Data);
        if (!parsed.Success)
        {
            return;
        }
        if (parsed.Message is SipResponse response)
        {
            if (!_layer.HandleResponse(response))
            {
                if (response.StatusCode == 503)
                {
                    Interlocked.Increment(ref _stray503);
                }
                var stray = Interlocked.Increment(ref _stray);
                if (_strayTarget is { } target && stray >= target.Count)
                {
                    target.Done.TrySetResult();
                }
            }
            return;
        }
        var result = _layer.HandleRequest((SipRequest)parsed.Message, packet.Remote);
        if (result.Disposition == ServerRequestDisposition.New)
        {
            Handle(result.Transaction!, packet.Remote);
        }
    }

    private void Handle(ServerTransaction transaction, SipEndPoint remote)
    {
        var request = transaction.Request;
        if (request.Method == SipMethod.Register)
        {
            Interlocked.Increment(ref _registers);
            var contact = request.GetHeaderValue(HeaderId.Contact) ?? "";
            lock (_gate)
            {
                _registered = (contact.Trim().TrimStart('<').Split('>')[0], remote);
            }
            transaction.Respond(SipMessageBuilder.ForResponseTo(request, 200, null, SipIds.NewTag())
                .AddHeader(HeaderId.Contact, $"{contact};expires={Expires.ToString(CultureInfo.InvariantCulture)}")
                .AddHeader(HeaderId.Expires, Expires.ToString(CultureInfo.InvariantCulture))
                .BuildResponse());
            return;
        }
        if (request.Method != SipMethod.Subscribe)
        {
            transaction.Respond(request.Method == SipMethod.Notify ? 481 : 405);
            return;
        }
        lock (_gate)
        {
            if (request.ToTag is null)
            {
                Interlocked.Increment(ref _initialSubscribes);
                var dialog = new Dialog(request.CallId, SipIds.NewTag(), request.GetHeaderValue(HeaderId.To)!,
                    request.GetHeaderValue(HeaderId.From)!, ContactUri(request), remote);
                _dialog = dialog;
                transaction.Respond(Ok(request, dialog.LocalTag));
                SendNotify(dialog, FullState());
                return;
            }
            if (_dialog is not { } known || known.CallId != request.CallId || known.LocalTag != request.ToTag)
            {
                // A subscription from before a restart, or someone else's: RFC 6665 4.1.2.2.
                Interlocked.Increment(ref _refused);
                transaction.Respond(481, "Subscription Does Not Exist");
                return;
            }
            transaction.Respond(Ok(request, known.LocalTag));
            if (request.Expires == 0)
            {
                _dialog = null;
                return;
            }
            var body = Encoding.UTF8.GetString(request.Body.Span);
            if (SetDnd().Match(body) is { Success: true } set)
            {
                Dnd = set.Groups[1].Value == "true";
                SendNotify(known, DndEvent(Dnd));
            }
            else
            {
                // A refresh: RFC 6665 4.2.1.1 says the notifier sends the current state.
                SendNotify(known, FullState());
            }
        }
    }

    private SipResponse Ok(SipRequest request, string tag) =>
        SipMessageBuilder.ForResponseTo(request, 200, null, tag)
            .AddHeader(HeaderId.Contact, $"<sip:as@{SipStack.FormatHostPort(EndPoint.EndPoint)}>")
            .AddHeader(HeaderId.Expires, Expires.ToString(CultureInfo.InvariantCulture))
            .BuildResponse();

    private static string ContactUri(SipRequest request)
    {
        var contact = request.GetHeaderValue(HeaderId.Contact) ?? "";
        var open = contact.IndexOf('<', StringComparison.Ordinal);
        var close = contact.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? contact[(open + 1)..close] : contact;
    }

    private Task<TransactionOutcome> SendNotify(Dialog dialog, (string Body, string Type) content) =>
        _layer.StartClient(Notify(dialog, content), dialog.Remote).Completion;

    private SipRequest Notify(Dialog dialog, (string Body, string Type) content) =>
        SipMessageBuilder.ForRequest(SipMethod.Notify, dialog.RemoteTarget)
            .AddHeader(HeaderId.Via, $"SIP/2.0/UDP {SipStack.FormatHostPort(EndPoint.EndPoint)};branch={SipIds.NewBranch()}")
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, $"{dialog.LocalUri};tag={dialog.LocalTag}")
            .AddHeader(HeaderId.To, dialog.RemoteUri)
            .AddHeader(HeaderId.CallId, dialog.CallId)
            .AddHeader(HeaderId.CSeq, $"{dialog.NextCSeq().ToString(CultureInfo.InvariantCulture)} NOTIFY")
            .AddHeader(HeaderId.Contact, $"<sip:as@{SipStack.FormatHostPort(EndPoint.EndPoint)}>")
            .AddHeader(HeaderId.Event, "as-feature-event")
            .AddHeader(HeaderId.SubscriptionState, $"active;expires={Expires.ToString(CultureInfo.InvariantCulture)}")
            .SetBody(content.Body, content.Type)
            .BuildRequest();

    private (string, string) FullState()
    {
        var body = new StringBuilder();
        foreach (var part in new[]
                 {
                     DndEvent(Dnd).Body,
                     Forwarding("forwardImmediate"),
                     Forwarding("forwardBusy"),
                     Forwarding("forwardNoAns"),
                 })
        {
            body.Append("--b1\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n").Append(part).Append("\r\n");
        }
        body.Append("--b1--\r\n");
        return (body.ToString(), "multipart/mixed;boundary=b1");
    }

    private static (string Body, string Type) DndEvent(bool on) =>
        ($"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><DoNotDisturbEvent xmlns=\"{Ns}\"><device>2001</device>" +
         $"<doNotDisturbOn>{(on ? "true" : "false")}</doNotDisturbOn></DoNotDisturbEvent>", "application/x-as-feature-event+xml");

    private static string Forwarding(string type) =>
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ForwardingEvent xmlns=\"{Ns}\"><device>2001</device>" +
        $"<forwardingType>{type}</forwardingType><forwardStatus>false</forwardStatus><forwardTo></forwardTo><ringCount></ringCount></ForwardingEvent>";

    [GeneratedRegex("<SetDoNotDisturb\\b.*<doNotDisturbOn>\\s*(true|false)\\s*</doNotDisturbOn>", RegexOptions.Singleline)]
    private static partial Regex SetDnd();

    ValueTask ISipMessageSender.SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken) =>
        _transport.SendAsync(message, destination, cancellationToken);

    public void OnTransportError(SipEndPoint remote, Exception error)
    {
    }

    public async ValueTask DisposeAsync()
    {
        _layer.Dispose();
        await _transport.DisposeAsync();
    }

    private sealed record StrayTarget(int Count, TaskCompletionSource Done);

    /// <summary>The one subscription dialog, seen from the notifier's side.</summary>
    private sealed class Dialog(string callId, string localTag, string localUri, string remoteUri, string remoteTarget, SipEndPoint remote)
    {
        private int _cseq;

        public string CallId => callId;

        public string LocalTag => localTag;

        public string LocalUri => localUri;

        public string RemoteUri => remoteUri;

        public string RemoteTarget => remoteTarget;

        public SipEndPoint Remote => remote;

        public int NextCSeq() => Interlocked.Increment(ref _cseq);
    }
}
