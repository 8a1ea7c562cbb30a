using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Dialogs;

/// <summary>
/// Whether a request from the network may reach an owner's usages (a line's: "only the line's
/// own server may change the line"). The stack asks it once, before any usage or queue sees
/// the request, and answers <c>403 Forbidden</c> for it when the verdict says no. When an owner
/// has a trust policy, it replaces the dialog's own check of the peer's address.
/// </summary>
public interface IRequestTrust
{
    /// <summary>Called on the receive path: must not wait.</summary>
    /// <param name="inDialog">Whether the request names one of the owner's dialogs.</param>
    TrustVerdict Check(SipRequest request, SipEndPoint source, bool inDialog);

    /// <summary>A request was refused with 403 (on the receive path: hand the work to the owner's queue).</summary>
    void OnRefused(SipRequest request, SipEndPoint source, TrustVerdict verdict);
}
