using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>
/// RFC 3261 17.2.1 with the RFC 6026 Accepted state: an incoming call (local execution) or
/// a uaCSTA session INVITE. 100 Trying goes out at once; a non-2xx final is retransmitted
/// until the ACK; a 2xx is retransmitted until the user reports its ACK (13.3.1.4).
/// </summary>
public sealed class InviteServerTransaction : ServerTransaction
{
    private State _state = State.Proceeding;
    private TimeSpan _interval;

    internal InviteServerTransaction(TransactionLayer layer, SipRequest request, SipEndPoint remote)
        : base(layer, request, remote)
    {
    }

    private enum State
    {
        Proceeding,
        Completed,
        Confirmed,
        Accepted,
        Terminated,
    }

    /// <summary>The ACK never came for a final response (Timer H, or Timer L for a 2xx).</summary>
    public Action? OnAckTimeout { get; set; }

    /// <summary>
    /// The caller cancelled (RFC 3261 9.2; the CANCEL is already answered 200). The owner ends
    /// the INVITE, normally with 487; without an owner the stack sends the 487.
    /// </summary>
    public Action? OnCancel { get; set; }

    /// <summary>Whether the final response was acknowledged.</summary>
    public bool IsAcknowledged { get; private set; }

    internal void SendTrying()
    {
        // RFC 3261 17.2.1: a 100 stops the client retransmitting the INVITE over UDP.
        Respond(SipResponse.Create(Request, 100));
    }

    /// <summary>The last response sent, resent when the request is retransmitted.</summary>
    public SipResponse? LastResponse { get; private set; }

    public override bool HasFinalResponse => LastResponse is { StatusCode: >= 200 };

    public override void Respond(SipResponse response)
    {
        lock (Gate)
        {
            if (_state != State.Proceeding)
            {
                return;
            }
            LastResponse = response;
            Send(response.Buffer);
            var code = response.StatusCode;
            if (code < 200)
            {
                return;
            }
            _state = code < 300 ? State.Accepted : State.Completed;
            _interval = Timers.T1;
            // Timer G for non-2xx (UDP only); for 2xx the UAS core retransmits on any transport
            // until the ACK, as the ACK is end-to-end (13.3.1.4).
            if (code < 300 || !IsReliable)
            {
                ArmRetransmit(_interval, OnRetransmitTimer);
            }
            ArmEnd(code < 300 ? Timers.Accepted : Timers.H, OnGiveUp);
        }
    }

    /// <summary>The ACK for a 2xx arrived at the dialog (it has its own branch, so it is not matched here).</summary>
    public void Acknowledge2xx()
    {
        lock (Gate)
        {
            if (_state == State.Accepted)
            {
                IsAcknowledged = true;
                StopRetransmit();
            }
        }
    }

    internal void OnAck()
    {
        lock (Gate)
        {
            if (_state != State.Completed)
            {
                return; // ACK retransmissions in Confirmed are absorbed
            }
            _state = State.Confirmed;
            IsAcknowledged = true;
            StopRetransmit();
            ArmEnd(Timers.I(IsReliable), End);
        }
    }

    internal override void OnRetransmission()
    {
        lock (Gate)
        {
            // Accepted absorbs the INVITE (RFC 6026 8.7); the others resend their last answer.
            if (_state is State.Proceeding or State.Completed && LastResponse is { } last)
            {
                Send(last.Buffer);
            }
        }
    }

    private void OnRetransmitTimer()
    {
        lock (Gate)
        {
            if (_state is not (State.Completed or State.Accepted) || IsAcknowledged)
            {
                return;
            }
            Send(LastResponse!.Buffer);
            _interval = TimeSpan.FromTicks(Math.Min(_interval.Ticks * 2, Timers.T2.Ticks));
            ArmRetransmit(_interval, OnRetransmitTimer);
        }
    }

    private void OnGiveUp()
    {
        bool unacknowledged;
        lock (Gate)
        {
            unacknowledged = !IsAcknowledged;
            _state = State.Terminated;
            Terminate();
        }
        if (unacknowledged)
        {
            OnAckTimeout?.Invoke();
        }
    }

    private void End()
    {
        lock (Gate)
        {
            _state = State.Terminated;
            Terminate();
        }
    }
}
