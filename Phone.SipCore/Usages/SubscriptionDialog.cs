using System.Globalization;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Usages;

/// <summary>
/// The dialog of one subscription (RFC 6665 4.1.2.1, RFC 3261 12): identifiers, remote target,
/// route set and our CSeq. Builds the SUBSCRIBEs of the subscription.
/// </summary>
public sealed class SubscriptionDialog
{
    private uint _cseq;

    public SubscriptionDialog(SipAccount account, string eventPackage, SipEndPoint destination)
    {
        Account = account;
        EventPackage = eventPackage;
        Destination = destination;
        CallId = SipIds.NewCallId("featuresync");
        LocalTag = SipIds.NewTag();
        RemoteTarget = account.AddressOfRecord;
    }

    public SipAccount Account { get; }

    public string EventPackage { get; }

    /// <summary>Where requests are sent (the registration's server or outbound proxy).</summary>
    public SipEndPoint Destination { get; }

    public string CallId { get; }

    public string LocalTag { get; }

    /// <summary>The notifier's tag, from the 2xx or from a NOTIFY that came first; null until then.</summary>
    public string? RemoteTag { get; private set; }

    /// <summary>Request-URI of in-dialog requests: the notifier's Contact (RFC 3261 12.1.2).</summary>
    public string RemoteTarget { get; private set; }

    public IReadOnlyList<string> RouteSet { get; private set; } = [];

    public bool IsEstablished => RemoteTag is not null;

    /// <summary>
    /// Whether a request from <paramref name="source"/> can come from the notifier: the server
    /// the SUBSCRIBE went to, or a host named by IP in the dialog's remote target or route set.
    /// </summary>
    public bool IsNotifierAddress(System.Net.IPAddress source)
    {
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        if (address.Equals(Destination.EndPoint.Address))
        {
            return true;
        }
        foreach (var uri in RouteSet.Append(RemoteTarget))
        {
            if (SipUri.TryParse(uri.Trim('<', '>'), out var parsed)
                && System.Net.IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var host) && host.Equals(address))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The highest CSeq of the notifier's requests taken so far (RFC 3261 12.2.2), null before the first.</summary>
    public uint? RemoteCSeq { get; private set; }

    /// <summary>
    /// Takes a request's CSeq in arrival order; false when it is lower than one already taken:
    /// a lost NOTIFY whose retransmission arrived after a newer one, which must not roll the
    /// state back (RFC 3261 12.2.2). Called on the line's queue only.
    /// </summary>
    public bool TryTakeRemoteCSeq(uint number)
    {
        if (RemoteCSeq is { } last && number < last)
        {
            return false;
        }
        RemoteCSeq = number;
        return true;
    }

    /// <summary>Takes the dialog's remote side from a 2xx to SUBSCRIBE or a NOTIFY, the first one wins.</summary>
    public void Establish(SipMessage message, bool fromResponse)
    {
        if (IsEstablished)
        {
            return;
        }
        RemoteTag = fromResponse ? message.ToTag : message.FromTag;
        if (message.TryGetContacts(out var contacts) && contacts.Count > 0 && contacts[0].Address is { } contact)
        {
            RemoteTarget = contact.UriText;
        }
        if (message.TryGetRoutes(HeaderId.RecordRoute, out var routes))
        {
            // A UAC uses the Record-Route of the response in reverse order; a UAS (the NOTIFY) as is.
            var list = routes.Select(r => $"<{r.UriText}>").ToList();
            if (fromResponse)
            {
                list.Reverse();
            }
            RouteSet = list;
        }
    }

    /// <summary>A SUBSCRIBE of this subscription: the initial one before establishment, in-dialog after.</summary>
    public SipRequest BuildSubscribe(SipStack stack, string contact, int expires, (string Name, string Value)? auth,
        ReadOnlyMemory<byte> body = default, string? contentType = null)
    {
        var via = stack.NewVia(Destination.Transport, Destination.EndPoint, out _);
        var cseq = Interlocked.Increment(ref _cseq);
        var aor = Account.AddressOfRecord;
        var builder = SipMessageBuilder.ForRequest(SipMethod.Subscribe, IsEstablished ? RemoteTarget : aor)
            .AddHeader(HeaderId.Via, via)
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, $"<{aor}>;tag={LocalTag}")
            .AddHeader(HeaderId.To, IsEstablished ? $"<{aor}>;tag={RemoteTag}" : $"<{aor}>")
            .AddHeader(HeaderId.CallId, CallId)
            .AddHeader(HeaderId.CSeq, string.Create(CultureInfo.InvariantCulture, $"{cseq} SUBSCRIBE"));
        foreach (var route in RouteSet)
        {
            builder.AddHeader(HeaderId.Route, route);
        }
        builder.AddHeader(HeaderId.Contact, contact)
            .AddHeader(HeaderId.Event, EventPackage)
            .AddHeader(HeaderId.Accept, FeatureSync.Documents.FeatureXml.ContentType)
            .AddHeader(HeaderId.Expires, expires.ToString(CultureInfo.InvariantCulture))
            .AddHeader(HeaderId.AllowEvents, EventPackage)
            .AddHeader(HeaderId.UserAgent, "FeatureSync");
        if (auth is { } header)
        {
            builder.AddHeader(header.Name, header.Value);
        }
        if (!body.IsEmpty)
        {
            builder.SetBody(body, contentType);
        }
        return builder.BuildRequest();
    }
}
