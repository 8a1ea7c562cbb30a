using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>
/// A server transaction: the transaction user answers <see cref="Request"/> through
/// <see cref="Respond"/>; retransmitted requests are absorbed and answered from here.
/// Responses go back to where the request came from (RFC 3261 18.2.2 with RFC 3581 rport).
/// </summary>
public abstract class ServerTransaction : SipTransaction
{
    private protected ServerTransaction(TransactionLayer layer, SipRequest request, SipEndPoint remote)
        : base(layer, TransactionKey.ForServer(request), remote, request.CallId)
    {
        // The request is pooled (SipMessage): its receiver may release it as soon as it has handled
        // it, but retransmissions are matched against it until Timer J/H/I ends the transaction,
        // so the transaction holds a reference of its own until then.
        request.Retain();
        Request = request;
    }

    private bool _requestReleased;

    /// <summary>
    /// The request; the transaction holds a reference until it ends, or, for a non-INVITE
    /// transaction, until it has sent its final response (its receiver may hold its own longer).
    /// </summary>
    public SipRequest Request { get; }

    /// <summary>Whether a final (2xx-6xx) response has been sent.</summary>
    public abstract bool HasFinalResponse { get; }

    /// <summary>Sends a response; ignored once a final response has been sent.</summary>
    public abstract void Respond(SipResponse response);

    /// <summary>Builds and sends a response without a body (RFC 3261 8.2.6).</summary>
    public void Respond(int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        if (HasFinalResponse)
        {
            return; // answered already; the request may be back in its pool
        }
        RespondWith(statusCode, reasonPhrase, toTag);
    }

    /// <summary>Sends the response RFC 3261 8.2.6 makes of the request; by default as a parsed message.</summary>
    private protected virtual void RespondWith(int statusCode, string? reasonPhrase, string? toTag) =>
        Respond(SipMessageBuilder.ForResponseTo(Request, statusCode, reasonPhrase, toTag).BuildResponse());

    internal abstract void OnRetransmission();

    private protected override void OnTerminated() => ReleaseRequest();

    /// <summary>Ends the transaction's own reference to its request, once.</summary>
    private protected void ReleaseRequest()
    {
        if (!_requestReleased)
        {
            _requestReleased = true;
            Request.Release();
        }
    }

    private protected override void OnTransportError(Exception error)
    {
        lock (Gate)
        {
            Terminate();
        }
    }

    internal override void Abort()
    {
        lock (Gate)
        {
            Terminate();
        }
    }
}
