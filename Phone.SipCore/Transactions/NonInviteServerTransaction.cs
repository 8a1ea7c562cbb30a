using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>RFC 3261 17.2.2: NOTIFY, INFO, OPTIONS, BYE, CANCEL... from the server.</summary>
public sealed class NonInviteServerTransaction : ServerTransaction
{
    private State _state = State.Trying;

    internal NonInviteServerTransaction(TransactionLayer layer, SipRequest request, SipEndPoint remote)
        : base(layer, request, remote)
    {
    }

    private enum State
    {
        Trying,
        Proceeding,
        Completed,
        Terminated,
    }

    // The last response's bytes, resent for a retransmitted request (17.2.2). Only the bytes:
    // a parsed response kept for Timer J (32 s on UDP) would hold its header table too.
    private ReadOnlyMemory<byte> _lastSent;

    public override bool HasFinalResponse => _state is State.Completed or State.Terminated;

    public override void Respond(SipResponse response) => Send(response.Buffer, response.StatusCode);

    // An answer by status code (a NOTIFY's 200) is built as bytes and never parsed back.
    private protected override void RespondWith(int statusCode, string? reasonPhrase, string? toTag) =>
        Send(BodylessResponse.ToBytes(Request, statusCode, reasonPhrase, toTag), statusCode);

    private void Send(ReadOnlyMemory<byte> response, int statusCode)
    {
        lock (Gate)
        {
            if (_state is State.Completed or State.Terminated)
            {
                return;
            }
            _lastSent = response;
            if (statusCode >= 200 && Request.Method == SipMethod.Notify)
            {
                // Counted before the send, so whoever sees the answer also sees the count.
                Layer.Metrics?.NotifyAnswered(statusCode);
            }
            Send(response);
            if (statusCode < 200)
            {
                _state = State.Proceeding;
                return;
            }
            _state = State.Completed;
            // The request has been answered: what a retransmission needs is the transaction's
            // key (in the layer) and the response bytes, so the request goes back to the pool
            // now rather than after 32 s (in a storm, 32,000 requests held for nothing).
            ReleaseRequest();
            // Timer J: keep answering retransmitted requests for 64*T1 on UDP, none on a stream.
            var j = Timers.J(IsReliable);
            if (j <= TimeSpan.Zero)
            {
                _state = State.Terminated;
                Terminate();
                return;
            }
            Layer.TimerJ.Add(this, j);
        }
    }

    /// <summary>Timer J is over (<see cref="TimerJReaper"/>).</summary>
    internal void EndTimerJ()
    {
        lock (Gate)
        {
            _state = State.Terminated;
            Terminate();
        }
    }

    internal override void OnRetransmission()
    {
        lock (Gate)
        {
            // Trying has nothing to resend; the request is absorbed (17.2.2).
            if (_state is State.Proceeding or State.Completed)
            {
                Send(_lastSent);
            }
        }
    }
}
