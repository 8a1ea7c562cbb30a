using Phone.SipCore.Messages;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Dialogs;

/// <summary>
/// A usage of a dialog (pjsip's layering: transport, transaction, dialog, usage): a
/// subscription, a feature-code call, a uaCSTA session. Called on the owner's queue, after the
/// dialog has accepted the request (tags, source, CSeq order: RFC 3261 12.2.2).
/// </summary>
public interface IDialogUsage
{
    /// <summary>An in-dialog request for this usage; it must answer <paramref name="transaction"/>.</summary>
    void OnRequest(SipDialog dialog, ServerTransaction transaction);

    /// <summary>The ACK of a 2xx to an INVITE of this dialog (RFC 3261 13.3.1.4); it matches no transaction.</summary>
    void OnAck(SipDialog dialog, SipRequest ack)
    {
    }
}
