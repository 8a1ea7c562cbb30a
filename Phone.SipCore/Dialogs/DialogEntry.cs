using Phone.SipCore.Messages;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Dialogs;

/// <summary>
/// A dialog in the <see cref="DialogTable"/> with its owner and usages. A SUBSCRIBE dialog may
/// carry several subscriptions, told apart by Event package and id (RFC 6665 4.5.2); the
/// dialog ends when its last usage ends.
/// </summary>
public sealed class DialogEntry : IDisposable
{
    private readonly DialogTable _table;
    private volatile UsageBinding[] _usages = [];
    private readonly Lock _gate = new();
    private int _removed;

    internal DialogEntry(DialogTable table, SipDialog dialog, DialogOwner owner)
    {
        _table = table;
        Dialog = dialog;
        Owner = owner;
    }

    public SipDialog Dialog { get; }

    public DialogOwner Owner { get; }

    public bool IsRemoved => Volatile.Read(ref _removed) != 0;

    /// <summary>
    /// Adds a usage; with <paramref name="eventType"/> it takes the SUBSCRIBE and NOTIFY requests
    /// of that subscription (package and id), without it every other request.
    /// </summary>
    public void AddUsage(IDialogUsage usage, SipEvent? eventType = null)
    {
        lock (_gate)
        {
            _usages = [.. _usages, new UsageBinding(usage, eventType)];
        }
    }

    /// <summary>Removes a usage; removing the last ends the dialog (RFC 6665 4.5.2).</summary>
    public void RemoveUsage(IDialogUsage usage)
    {
        bool empty;
        lock (_gate)
        {
            _usages = [.. _usages.Where(u => !ReferenceEquals(u.Usage, usage))];
            empty = _usages.Length == 0;
        }
        if (empty)
        {
            Dispose();
        }
    }

    /// <summary>Ends the dialog: it leaves the table and later requests get 481.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 0)
        {
            Dialog.Terminate();
            _table.Remove(this);
        }
    }

    /// <summary>On the owner's queue: the dialog's checks, then the usage the request is for.</summary>
    /// <param name="sourceVetted">The owner's trust policy has admitted the sender already.</param>
    internal void Deliver(ServerTransaction transaction, bool sourceVetted)
    {
        var request = transaction.Request;
        if (IsRemoved)
        {
            transaction.Respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        var check = Dialog.CheckRequest(request, sourceVetted ? null : transaction.Remote.EndPoint.Address);
        if (!check.IsAccepted)
        {
            _table.OnRefused(this, transaction, check);
            transaction.Respond(check.RefuseWith!.Value, check.RefuseWith == 481 ? "Call/Transaction Does Not Exist" : check.Reason);
            return;
        }
        var usages = _usages;
        if (request.Method == SipMethod.Notify || request.Method == SipMethod.Subscribe)
        {
            if (!request.TryGetEvent(out var requested))
            {
                transaction.Respond(400, "Missing Event");
                return;
            }
            var subscription = usages.FirstOrDefault(u => u.Event is { } e && e.Matches(requested));
            if (subscription is not null)
            {
                subscription.Usage.OnRequest(Dialog, transaction);
                return;
            }
            // RFC 6665 8.3.1: a package this dialog does not carry is a bad event; a known
            // package with another id is a subscription that does not exist (4.1.3).
            var knownPackage = usages.Any(u => u.Event is { } e && string.Equals(e.Package, requested.Package, StringComparison.Ordinal));
            transaction.Respond(knownPackage ? 481 : 489, knownPackage ? "Subscription Does Not Exist" : "Bad Event");
            return;
        }
        var target = usages.FirstOrDefault(u => u.Event is null) ?? (usages.Length == 1 ? usages[0] : null);
        if (target is null)
        {
            transaction.Respond(405, "Method Not Allowed");
            return;
        }
        target.Usage.OnRequest(Dialog, transaction);
    }

    /// <summary>On the owner's queue: a 2xx's ACK goes to the dialog's INVITE usage.</summary>
    internal void DeliverAck(SipRequest ack)
    {
        if (IsRemoved || ack.FromTag != Dialog.RemoteTag)
        {
            return;
        }
        var usages = _usages;
        var target = usages.FirstOrDefault(u => u.Event is null) ?? (usages.Length == 1 ? usages[0] : null);
        target?.Usage.OnAck(Dialog, ack);
    }

    private sealed record UsageBinding(IDialogUsage Usage, SipEvent? Event);
}
