using System.Globalization;
using System.Net.Sockets;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Usages;

/// <summary>
/// The identifiers and requests of one feature-code call (RFC 3261 12.1.2, 13.2): the INVITE
/// (rebuilt with a new branch and CSeq for each auth attempt), the ACK of its 2xx and the BYE.
/// </summary>
internal sealed class FeatureCodeDialog
{
    private readonly SipAccount _account;
    private readonly SipEndPoint _destination;
    private uint _cseq;

    public FeatureCodeDialog(SipStack stack, SipAccount account, SipEndPoint destination, string dialString)
    {
        _account = account;
        _destination = destination;
        CallId = SipIds.NewCallId("featuresync");
        LocalTag = SipIds.NewTag();
        // RFC 3261 25.1: '*' may stay raw in the user part, '#' must be escaped as %23.
        RequestUri = $"sip:{SipUserPart.Escape(dialString)}@{account.DomainHost}";
        RemoteTarget = RequestUri;
        Local = stack.LocalEndPointFor(destination.Transport, destination.EndPoint);
        _contact = stack.ContactFor(account.User, destination);
    }

    private readonly string _contact;

    public string CallId { get; }

    public string LocalTag { get; }

    public string RequestUri { get; }

    public System.Net.IPEndPoint Local { get; }

    /// <summary>The PBX's tag from the 2xx; null before.</summary>
    public string? RemoteTag { get; private set; }

    /// <summary>Request-URI of the ACK and BYE: the Contact of the 2xx (RFC 3261 12.1.2).</summary>
    public string RemoteTarget { get; private set; }

    public uint InviteCSeq { get; private set; }

    private IReadOnlyList<string> RouteSet { get; set; } = [];

    private string From => $"<{_account.AddressOfRecord}>;tag={LocalTag}";

    public SipRequest BuildInvite(SipStack stack, (string Name, string Value)? auth)
    {
        InviteCSeq = ++_cseq;
        var builder = Start(stack, SipMethod.Invite, RequestUri, $"<{RequestUri}>", InviteCSeq)
            .AddHeader(HeaderId.Contact, _contact)
            .AddHeader(HeaderId.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS")
            .AddHeader(HeaderId.UserAgent, "FeatureSync");
        if (auth is { } header)
        {
            builder.AddHeader(header.Name, header.Value);
        }
        return builder.SetBody(Sdp(), "application/sdp").BuildRequest();
    }

    /// <summary>Takes the remote tag, target and route set from the 2xx (RFC 3261 12.1.2).</summary>
    public void Establish(SipResponse response)
    {
        RemoteTag = response.ToTag;
        if (response.TryGetContacts(out var contacts) && contacts.Count > 0 && contacts[0].Address is { } contact)
        {
            RemoteTarget = contact.UriText;
        }
        if (response.TryGetRoutes(HeaderId.RecordRoute, out var routes))
        {
            RouteSet = routes.Select(r => $"<{r.UriText}>").Reverse().ToList();
        }
    }

    /// <summary>RFC 3261 13.2.2.4: the ACK of a 2xx is its own transaction: new branch, INVITE's CSeq number.</summary>
    public SipRequest BuildAck(SipStack stack) =>
        Start(stack, SipMethod.Ack, RemoteTarget, To(), InviteCSeq).BuildRequest();

    /// <summary>RFC 3261 15.1.1: BYE in the dialog with the next CSeq.</summary>
    public SipRequest BuildBye(SipStack stack, (string Name, string Value)? auth)
    {
        var builder = Start(stack, SipMethod.Bye, RemoteTarget, To(), ++_cseq).AddHeader(HeaderId.UserAgent, "FeatureSync");
        if (auth is { } header)
        {
            builder.AddHeader(header.Name, header.Value);
        }
        return builder.BuildRequest();
    }

    private string To() => $"<{RequestUri}>" + (RemoteTag is null ? "" : $";tag={RemoteTag}");

    private SipMessageBuilder Start(SipStack stack, SipMethod method, string uri, string to, uint cseq)
    {
        var builder = SipMessageBuilder.ForRequest(method, uri)
            .AddHeader(HeaderId.Via, stack.NewVia(_destination.Transport, _destination.EndPoint, out _))
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, From)
            .AddHeader(HeaderId.To, to)
            .AddHeader(HeaderId.CallId, CallId)
            .AddHeader(HeaderId.CSeq, string.Create(CultureInfo.InvariantCulture, $"{cseq} {method.Name}"));
        foreach (var route in RouteSet)
        {
            builder.AddHeader(HeaderId.Route, route);
        }
        return builder;
    }


    /// <summary>
    /// An offer with one codec (PCMU) on the discard port 9, where nobody listens: the call
    /// only carries the code, no media is wanted (protocol reference section 2; RFC 4566).
    /// </summary>
    private string Sdp()
    {
        var ip = Local.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        var session = string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.Next(1, int.MaxValue)}");
        return $"v=0\r\no=featuresync {session} 1 IN {ip} {Local.Address}\r\ns=-\r\nc=IN {ip} {Local.Address}\r\nt=0 0\r\n" +
               "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    }
}
