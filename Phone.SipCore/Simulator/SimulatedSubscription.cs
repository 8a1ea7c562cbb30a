using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Simulator;

/// <summary>
/// The notifier side of one subscription (RFC 6665 4.2), a usage of the dialog the initial
/// SUBSCRIBE made: its expiry, and its NOTIFYs, sent one at a time so the phone sees them in
/// CSeq order (RFC 6665 4.2.2 lets a notifier wait for each answer).
/// </summary>
internal sealed class SimulatedSubscription
{
    private readonly SipStack _stack;
    private readonly Lock _gate = new();
    private readonly Queue<NotifyContent> _pending = new();
    private bool _sending;

    public SimulatedSubscription(SipStack stack, SipRequest subscribe, string user, SipEndPoint remote, string localContact)
    {
        _stack = stack;
        User = user;
        // RFC 6665 4.2.1.1 / RFC 3261 12.1.1: the SUBSCRIBE makes the dialog; its Contact is the remote target.
        Dialog = SipDialog.CreateIncoming(subscribe, remote);
        LocalContact = localContact;
    }

    public string User { get; }

    public SipDialog Dialog { get; }

    /// <summary>The dialog's place in the stack's table; disposed when the subscription ends.</summary>
    public DialogEntry? Entry { get; set; }

    public string CallId => Dialog.CallId;

    public string LocalTag => Dialog.LocalTag;

    public SipEndPoint Remote => Dialog.Destination;

    public string LocalContact { get; }

    public DateTimeOffset ExpiresAt { get; set; }

    public ITimer? ExpiryTimer { get; set; }

    /// <summary>Set once the dialog is over; later NOTIFYs are dropped.</summary>
    public bool Ended { get; private set; }

    /// <summary>Told when a NOTIFY is answered 481 or never: the subscription is gone (RFC 6665 4.2.2).</summary>
    public Action<SimulatedSubscription>? Lost { get; init; }

    public bool Matches(SipRequest request) => request.FromTag == Dialog.RemoteTag && request.ToTag == LocalTag;

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
            request = Build(content);
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
        _ = AwaitAnswerAsync(transaction);
    }

    private async Task AwaitAnswerAsync(ClientTransaction transaction)
    {
        var outcome = await transaction.Completion.ConfigureAwait(false);
        if (outcome.Response is null or { StatusCode: 481 })
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
    }

    /// <summary>RFC 6665 4.2.2 / RFC 3261 12.2.1.1: a request within the dialog the SUBSCRIBE made.</summary>
    private SipRequest Build(NotifyContent content)
    {
        var builder = Dialog.CreateRequest(SipMethod.Notify, _stack.NewVia(Remote.Transport, Remote.EndPoint, out _))
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
