using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>
/// RFC 3261 17.1.1 with the RFC 6026 Accepted state: a feature-code INVITE from our side.
/// Non-2xx finals are ACKed here; a 2xx ends the transaction for the user, and its
/// retransmissions in the next 64*T1 are passed up so the user can ACK them again.
/// </summary>
public sealed class InviteClientTransaction : ClientTransaction
{
    private State _state = State.Calling;
    private TimeSpan _interval;
    private byte[]? _ack;

    internal InviteClientTransaction(TransactionLayer layer, SipRequest request, ReadOnlyMemory<byte> bytes, SipEndPoint remote)
        : base(layer, request, bytes, remote)
    {
    }

    private enum State
    {
        Calling,
        Proceeding,
        Completed,
        Accepted,
        Terminated,
    }

    /// <summary>Retransmitted 2xx responses (RFC 6026 7.2): the user re-sends its ACK.</summary>
    public Action<SipResponse>? On2xxRetransmission { get; init; }

    internal override void Start()
    {
        lock (Gate)
        {
            if (!IsReliable)
            {
                // Timer A: T1, doubling with no cap (17.1.1.2).
                _interval = Timers.T1;
                ArmRetransmit(_interval, OnTimerA);
            }
            ArmEnd(Timers.Timeout, OnTimerB);
            // Timers first: with an inline transport the answer (or a test) may act before Send returns.
            Send(RequestBytes);
        }
    }

    private void OnTimerA()
    {
        lock (Gate)
        {
            if (_state != State.Calling)
            {
                return;
            }
            Send(RequestBytes);
            _interval *= 2;
            ArmRetransmit(_interval, OnTimerA);
        }
    }

    private void OnTimerB()
    {
        lock (Gate)
        {
            // Only Calling times out; in Proceeding the user decides when to CANCEL.
            if (_state != State.Calling)
            {
                return;
            }
            _state = State.Terminated;
            Terminate();
        }
        Complete(new TransactionOutcome(null, TransactionFailure.Timeout, $"no response in {Timers.Timeout.TotalSeconds:0} s") { TimedOutAfter = Timers.Timeout });
    }

    internal override bool OnResponse(SipResponse response)
    {
        Func<bool>? after = null;
        lock (Gate)
        {
            var code = response.StatusCode;
            switch (_state)
            {
                case State.Calling or State.Proceeding when code < 200:
                    _state = State.Proceeding;
                    StopRetransmit();
                    after = () => RaiseProvisional(response);
                    break;
                case State.Calling or State.Proceeding when code < 300:
                    _state = State.Accepted;
                    StopRetransmit();
                    ArmEnd(Timers.Accepted, End);
                    after = () => Completed(response);
                    break;
                case State.Calling or State.Proceeding:
                    _state = State.Completed;
                    StopRetransmit();
                    _ack = RequestFactory.AckForNon2xx(Request, response).Buffer.ToArray();
                    Send(_ack);
                    ArmEnd(Timers.D(IsReliable), End);
                    after = () => Completed(response);
                    break;
                case State.Completed when code >= 300:
                    Send(_ack!); // the ACK was lost: the final is retransmitted, ACK again
                    break;
                case State.Accepted when code is >= 200 and < 300:
                    after = () =>
                    {
                        On2xxRetransmission?.Invoke(response);
                        return On2xxRetransmission is not null;
                    };
                    break;
            }
        }
        return after?.Invoke() ?? false;
    }

    private bool Completed(SipResponse response)
    {
        Complete(TransactionOutcome.Final(response));
        return true;
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
