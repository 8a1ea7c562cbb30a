using System.Globalization;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Simulator;

/// <summary>
/// The notifier side of one subscription dialog (RFC 6665 4.2): the dialog identifiers taken
/// from the initial SUBSCRIBE, its expiry, and its NOTIFYs, sent one at a time so the phone
/// sees them in CSeq order (RFC 6665 4.2.2 lets a notifier wait for each answer).
/// </summary>
internal sealed class SimulatedSubscription
{
    private readonly SipStack _stack;
    private readonly Lock _gate = new();
    private readonly Queue<NotifyContent> _pending = new();
    private uint _cseq;
    private bool _sending;

    public SimulatedSubscription(SipStack stack, SipRequest subscribe, string user, SipEndPoint remote, string localContact)
    {
        _stack = stack;
        User = user;
        CallId = subscribe.CallId;
        LocalTag = SipIds.NewTag();
        RemoteTag = subscribe.FromTag ?? "";
        Remote = remote;
        LocalContact = localContact;
        LocalUri = subscribe.To.UriText;
        RemoteUri = subscribe.From.UriText;
        // RFC 6665 4.2.1.1 / RFC 3261 12.1.1: the remote target is the SUBSCRIBE's Contact.
        RemoteTarget = subscribe.TryGetContacts(out var contacts) && contacts.Count > 0 && contacts[0].Address is { } contact
            ? contact.UriText
            : RemoteUri;
    }

    public string User { get; }

    public string CallId { get; }

    public string LocalTag { get; }

    public string RemoteTag { get; }

    public SipEndPoint Remote { get; }

    public string LocalContact { get; }

    private string LocalUri { get; }

    private string RemoteUri { get; }

    private string RemoteTarget { get; }

    public DateTimeOffset ExpiresAt { get; set; }

    public ITimer? ExpiryTimer { get; set; }

    /// <summary>Set once the dialog is over; later NOTIFYs are dropped.</summary>
    public bool Ended { get; private set; }

    /// <summary>Told when a NOTIFY is answered 481 or never: the subscription is gone (RFC 6665 4.2.2).</summary>
    public Action<SimulatedSubscription>? Lost { get; init; }

    public bool Matches(SipRequest request) => request.FromTag == RemoteTag && request.ToTag == LocalTag;

    public void Notify(NotifyContent content)
    {
        lock (_gate)
        {
            if (Ended)
            {
                return;
            }
            if (content.SubscriptionState.StartsWith("terminated", StringComparison.Ordinal))
            {
                Ended = true;
                ExpiryTimer?.Dispose();
            }
            _pending.Enqueue(content);
            if (_sending)
            {
                return;
            }
            _sending = true;
        }
        SendNext();
    }

    private void SendNext()
    {
        NotifyContent content;
        SipRequest request;
        lock (_gate)
        {
            if (!_pending.TryDequeue(out content!))
            {
                _sending = false;
                return;
            }
            request = Build(content, ++_cseq);
        }
        ClientTransaction transaction;
        try
        {
            transaction = _stack.Transactions.StartClient(request, Remote);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            lock (_gate)
            {
                _sending = false;
                _pending.Clear();
            }
            return;
        }
        _ = transaction.Completion.ContinueWith(t =>
        {
            var response = t.Result.Response;
            if (response is null or { StatusCode: 481 })
            {
                lock (_gate)
                {
                    Ended = true;
                    _pending.Clear();
                    _sending = false;
                    ExpiryTimer?.Dispose();
                }
                Lost?.Invoke(this);
                return;
            }
            SendNext();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>RFC 6665 4.2.2 / RFC 3261 12.2.1.1: a request within the dialog the SUBSCRIBE made.</summary>
    private SipRequest Build(NotifyContent content, uint cseq)
    {
        var builder = SipMessageBuilder.ForRequest(SipMethod.Notify, RemoteTarget)
            .AddHeader(HeaderId.Via, _stack.NewVia(Remote.Transport, Remote.EndPoint, out _))
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, $"<{LocalUri}>;tag={LocalTag}")
            .AddHeader(HeaderId.To, $"<{RemoteUri}>;tag={RemoteTag}")
            .AddHeader(HeaderId.CallId, CallId)
            .AddHeader(HeaderId.CSeq, string.Create(CultureInfo.InvariantCulture, $"{cseq} NOTIFY"))
            .AddHeader(HeaderId.Contact, LocalContact)
            .AddHeader(HeaderId.Event, FeatureXml.EventPackage)
            .AddHeader(HeaderId.SubscriptionState, content.SubscriptionState)
            .AddHeader(HeaderId.UserAgent, "FeatureSync PBX simulator");
        if (content.ContentType is not null)
        {
            builder.SetBody(content.Body, content.ContentType);
        }
        return builder.BuildRequest();
    }
}
