using System.Globalization;
using System.Net;
using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Dialogs;

/// <summary>
/// One SIP dialog (RFC 3261 section 12), the only place that keeps dialog state: Call-ID and
/// tags, local and remote URI, remote target, route set, local and remote CSeq and the secure
/// flag. Built for a request we send (UAC, early until the peer's tag is known) or from one we
/// receive (UAS). Usages build their in-dialog requests here and let it check the peer's.
/// <para>Touched only on its owner's queue (<see cref="DialogOwner"/>).</para>
/// </summary>
public sealed class SipDialog
{
    private uint _localCSeq;

    private SipDialog(string callId, string localTag, string localUri, string remoteUri, string remoteTarget,
        SipEndPoint destination, bool isUac, bool secure)
    {
        CallId = callId;
        LocalTag = localTag;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        Destination = destination;
        IsUac = isUac;
        Secure = secure;
    }

    /// <summary>
    /// A dialog we start by sending a dialog-creating request (SUBSCRIBE, INVITE) to
    /// <paramref name="requestUri"/> through <paramref name="destination"/> (RFC 3261 12.1.2).
    /// </summary>
    public static SipDialog CreateOutgoing(string callId, string localUri, string remoteUri, string requestUri, SipEndPoint destination) =>
        new(callId, SipIds.NewTag(), localUri, remoteUri, requestUri, destination, isUac: true,
            secure: requestUri.StartsWith("sips:", StringComparison.OrdinalIgnoreCase) && destination.Transport == SipTransportKind.Tls);

    /// <summary>
    /// A dialog made by a request we answer with a tag (RFC 3261 12.1.1): remote target from its
    /// Contact, route set from its Record-Route in order, remote CSeq from its CSeq.
    /// </summary>
    public static SipDialog CreateIncoming(SipRequest request, SipEndPoint source)
    {
        var remoteTarget = request.TryGetContacts(out var contacts) && contacts.Count > 0 && contacts[0].Address is { } contact
            ? contact.UriText
            : request.From.UriText;
        var dialog = new SipDialog(request.CallId, SipIds.NewTag(), request.To.UriText, request.From.UriText, remoteTarget, source,
            isUac: false, secure: request.RequestUri?.IsSecure == true && source.Transport == SipTransportKind.Tls)
        {
            RemoteTag = request.FromTag ?? "",
            RemoteCSeq = request.CSeq.Number,
        };
        if (request.TryGetRoutes(HeaderId.RecordRoute, out var routes))
        {
            dialog.RouteSet = routes.Select(r => $"<{r.UriText}>").ToList();
        }
        return dialog;
    }

    public string CallId { get; }

    public string LocalTag { get; }

    /// <summary>The peer's tag; null while a dialog we started is early (no answer, no NOTIFY yet).</summary>
    public string? RemoteTag { get; private set; }

    /// <summary>Our URI: From of our requests.</summary>
    public string LocalUri { get; }

    /// <summary>The peer's URI: To of our requests.</summary>
    public string RemoteUri { get; }

    /// <summary>Request-URI of our in-dialog requests: the peer's Contact (RFC 3261 12.1, refreshed by 12.2).</summary>
    public string RemoteTarget { get; private set; }

    /// <summary>Route headers of our in-dialog requests, in the order they are sent.</summary>
    public IReadOnlyList<string> RouteSet { get; private set; } = [];

    /// <summary>The highest CSeq of the peer's requests taken so far (RFC 3261 12.2.2); null before the first.</summary>
    public uint? RemoteCSeq { get; private set; }

    /// <summary>RFC 3261 12.1.1/12.1.2: a sips Request-URI over TLS makes the dialog secure.</summary>
    public bool Secure { get; }

    /// <summary>Where our requests go: the server the line talks to, or the peer a request came from.</summary>
    public SipEndPoint Destination { get; }

    /// <summary>Whether we sent the request that made the dialog.</summary>
    public bool IsUac { get; }

    public bool IsEstablished => RemoteTag is not null;

    public bool IsTerminated { get; private set; }

    public DialogId? Id => RemoteTag is { } remote ? new DialogId(CallId, LocalTag, remote) : null;

    /// <summary>
    /// Takes what a response to a request of ours says about the dialog: the first 1xx/2xx with
    /// a To tag establishes it (RFC 3261 12.1.2: remote target from Contact, route set from
    /// Record-Route reversed); a later 2xx to a target refresh request refreshes the target.
    /// </summary>
    public void OnResponse(SipResponse response, SipMethod method)
    {
        if (!IsUac || response.StatusCode <= 100 || response.StatusCode >= 300 || response.ToTag is not { } tag)
        {
            return;
        }
        if (!IsEstablished)
        {
            Establish(response, tag, reverseRoutes: true);
        }
        else if (response.StatusCode >= 200 && IsTargetRefresh(method) && tag == RemoteTag)
        {
            RefreshTarget(response);
        }
    }

    /// <summary>
    /// RFC 3261 12.2.2: whether a request that names this dialog may be handed to a usage. A
    /// request from a host that is not the dialog's peer, with another remote tag, or with a
    /// CSeq lower than one already taken (a late retransmission that would roll state back) is
    /// refused; an accepted request's CSeq is taken and a target refresh applied. A NOTIFY
    /// before the SUBSCRIBE's 2xx establishes the dialog (RFC 6665 4.1.2.4).
    /// </summary>
    /// <param name="source">The sender's address, checked against the peer; null when the owner's
    /// trust policy has already vetted the source (a server cluster may answer from another host).</param>
    public DialogRequestCheck CheckRequest(SipRequest request, IPAddress? source)
    {
        if (IsTerminated)
        {
            return DialogRequestCheck.Refuse(481, "Call/Transaction Does Not Exist");
        }
        if (source is not null && !IsPeerAddress(source))
        {
            return DialogRequestCheck.Refuse(481, $"request from {source}, which is not the dialog's peer");
        }
        if (!IsEstablished)
        {
            if (!IsUac || request.Method != SipMethod.Notify || request.FromTag is not { } tag)
            {
                return DialogRequestCheck.Refuse(481, "Call/Transaction Does Not Exist");
            }
            // RFC 6665 4.1.2.4: the NOTIFY came first; it creates the dialog as a UAS would (12.1.1).
            Establish(request, tag, reverseRoutes: false);
        }
        else if (request.FromTag != RemoteTag)
        {
            return DialogRequestCheck.Refuse(481, "Call/Transaction Does Not Exist");
        }
        var number = request.CSeq.Number;
        if (RemoteCSeq is { } last && number < last)
        {
            return DialogRequestCheck.Refuse(500, "Out Of Order");
        }
        RemoteCSeq = number;
        if (IsTargetRefresh(request.Method))
        {
            RefreshTarget(request);
        }
        return DialogRequestCheck.Accepted;
    }

    /// <summary>
    /// Whether <paramref name="source"/> can be the peer: the host our requests go to, the
    /// host a request of the peer came from, or a host named by IP in the remote target or route set.
    /// </summary>
    public bool IsPeerAddress(IPAddress source)
    {
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        if (address.Equals(Destination.EndPoint.Address))
        {
            return true;
        }
        foreach (var uri in RouteSet.Append(RemoteTarget))
        {
            if (SipUri.TryParse(uri.Trim('<', '>'), out var parsed)
                && IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var host) && host.Equals(address))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The next CSeq number of our requests in this dialog (RFC 3261 12.2.1.1).</summary>
    public uint NextCSeq() => ++_localCSeq;

    /// <summary>
    /// A request in this dialog (RFC 3261 12.2.1.1): Request-URI and Route from the remote target
    /// and route set (loose or strict routing), From/To with the tags, Call-ID, the next CSeq
    /// unless <paramref name="cseq"/> is given (an ACK reuses its INVITE's), Max-Forwards.
    /// Before the dialog is established this is the dialog-creating request itself.
    /// </summary>
    public SipMessageBuilder CreateRequest(SipMethod method, string via, uint? cseq = null)
    {
        var number = cseq ?? NextCSeq();
        var (requestUri, routes) = RequestTarget();
        var builder = SipMessageBuilder.ForRequest(method, requestUri)
            .AddHeader(HeaderId.Via, via)
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, $"<{LocalUri}>;tag={LocalTag}")
            .AddHeader(HeaderId.To, RemoteTag is null ? $"<{RemoteUri}>" : $"<{RemoteUri}>;tag={RemoteTag}")
            .AddHeader(HeaderId.CallId, CallId)
            .AddHeader(HeaderId.CSeq, string.Create(CultureInfo.InvariantCulture, $"{number} {method.Name}"));
        foreach (var route in routes)
        {
            builder.AddHeader(HeaderId.Route, route);
        }
        return builder;
    }

    /// <summary>The dialog is over; later requests that name it get 481.</summary>
    public void Terminate() => IsTerminated = true;

    /// <summary>
    /// RFC 3261 12.2.1.1: with a loose router first (lr) the Request-URI is the remote target and
    /// the route set goes as is; with a strict router the Request-URI is that router and the
    /// remote target goes last in the Route.
    /// </summary>
    private (string RequestUri, IReadOnlyList<string> Routes) RequestTarget()
    {
        if (RouteSet.Count == 0 || !SipUri.TryParse(RouteSet[0].Trim('<', '>'), out var first) || first.Parameters.Contains("lr"))
        {
            return (RemoteTarget, RouteSet);
        }
        var uri = first.ToString();
        var headers = uri.IndexOf('?', StringComparison.Ordinal);
        var routes = RouteSet.Skip(1).Append($"<{RemoteTarget}>").ToList();
        return (headers < 0 ? uri : uri[..headers], routes);
    }

    private void Establish(SipMessage message, string remoteTag, bool reverseRoutes)
    {
        RemoteTag = remoteTag;
        RefreshTarget(message);
        if (message.TryGetRoutes(HeaderId.RecordRoute, out var routes))
        {
            // A UAC takes the Record-Route of the response in reverse order; a UAS as received.
            var list = routes.Select(r => $"<{r.UriText}>").ToList();
            if (reverseRoutes)
            {
                list.Reverse();
            }
            RouteSet = list;
        }
    }

    private void RefreshTarget(SipMessage message)
    {
        // Every NOTIFY refreshes the target (RFC 6665 4.1.2), nearly always with the Contact it
        // had before: when the first Contact value is byte for byte the one that gave the current
        // target, parsing it again would give the same target, so it is not parsed (the Contact
        // list and its URI were a few percent of a NOTIFY storm's receive time).
        var first = message.GetValueSpan(HeaderId.Contact);
        if (_targetContact is not null && ReferenceEquals(RemoteTarget, _targetFromContact) && first.SequenceEqual(_targetContact))
        {
            return;
        }
        if (message.TryGetContacts(out var contacts) && contacts.Count > 0 && contacts[0].Address is { } contact)
        {
            RemoteTarget = contact.UriText;
            _targetContact = first.ToArray();
            _targetFromContact = RemoteTarget;
        }
    }

    // The first Contact value that last set RemoteTarget, and the target it gave.
    private byte[]? _targetContact;
    private string? _targetFromContact;

    // RFC 3261 12.2 (INVITE, re-INVITE), RFC 3311 (UPDATE), RFC 6665 4.1.2 and 4.2.1 (SUBSCRIBE, NOTIFY).
    private static bool IsTargetRefresh(SipMethod method) =>
        method == SipMethod.Invite || method == SipMethod.Update || method == SipMethod.Subscribe || method == SipMethod.Notify;
}
