using Phone.SipCore.Messages;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Stack;

/// <summary>
/// A usage (subscription, call, uaCSTA session) or a line that takes incoming requests.
/// Called on a transport thread: answer quickly or hand the work to the owner's queue.
/// </summary>
public interface IIncomingRequestHandler
{
    /// <summary>A new request; the handler must answer <paramref name="transaction"/> eventually.</summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>An ACK for a 2xx this handler sent (it matches no transaction, RFC 3261 17.2.3).</summary>
    void OnAck(SipRequest ack)
    {
    }
}
