using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>RFC 3261 17.1.2: REGISTER, SUBSCRIBE, NOTIFY, BYE, CANCEL, INFO... from our side.</summary>
public sealed class NonInviteClientTransaction : ClientTransaction
{
    private State _state = State.Trying;
    private TimeSpan _interval;

    internal NonInviteClientTransaction(TransactionLayer layer, SipRequest request, ReadOnlyMemory<byte> bytes, SipEndPoint remote)
        : base(layer, request, bytes, remote)
    {
    }

    private enum State
    {
        Trying,
        Proceeding,
        Completed,
        Terminated,
    }

    internal override void Start()
    {
        lock (Gate)
        {
            if (!IsReliable)
            {
                // Timer E: T1, doubling up to T2 (17.1.2.2).
                _interval = Timers.T1;
                ArmRetransmit(_interval, OnTimerE);
            }
            ArmEnd(Timers.Timeout, OnTimerF);
            // Timers first: with an inline transport the answer (or a test) may act before Send returns.
            Send(RequestBytes);
        }
    }

    private void OnTimerE()
    {
        lock (Gate)
        {
            if (_state is not (State.Trying or State.Proceeding))
            {
                return;
            }
            Send(RequestBytes);
            // In Proceeding the interval is T2; in Trying it doubles up to T2.
            _interval = _state == State.Proceeding ? Timers.T2 : TimeSpan.FromTicks(Math.Min(_interval.Ticks * 2, Timers.T2.Ticks));
            ArmRetransmit(_interval, OnTimerE);
        }
    }

    private void OnTimerF()
    {
        lock (Gate)
        {
            if (_state is not (State.Trying or State.Proceeding))
            {
                return;
            }
            _state = State.Terminated;
            Terminate();
        }
        Complete(new TransactionOutcome(null, TransactionFailure.Timeout, $"no final response in {Timers.Timeout.TotalSeconds:0} s") { TimedOutAfter = Timers.Timeout });
    }

    internal override bool OnResponse(SipResponse response)
    {
        var provisional = false;
        var final = false;
        lock (Gate)
        {
            if (response.StatusCode < 200)
            {
                if (_state is State.Trying or State.Proceeding)
                {
                    _state = State.Proceeding;
                    provisional = true;
                }
            }
            else if (_state is State.Trying or State.Proceeding)
            {
                _state = State.Completed;
                StopRetransmit();
                final = true;
                // Timer K absorbs retransmitted finals, which the Completed state simply ignores.
                ArmEnd(Timers.K(IsReliable), () =>
                {
                    lock (Gate)
                    {
                        _state = State.Terminated;
                        Terminate();
                    }
                });
            }
        }
        if (provisional)
        {
            return RaiseProvisional(response);
        }
        if (final)
        {
            Complete(TransactionOutcome.Final(response));
        }
        return final;
    }
}
