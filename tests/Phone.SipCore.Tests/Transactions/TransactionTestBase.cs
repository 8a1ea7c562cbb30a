using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Tests.Transactions;

/// <summary>A transaction layer on a fake clock that records every send with its time.</summary>
public abstract class TransactionTestBase
{
    private protected TransactionTestBase()
    {
        Time = new FakeTimeProvider();
        Sender = new RecordingSender(Time);
        Layer = new TransactionLayer(Sender, Time, NullLogger.Instance);
    }

    private protected FakeTimeProvider Time { get; }

    private protected RecordingSender Sender { get; }

    private protected TransactionLayer Layer { get; }

    /// <summary>
    /// Moves the fake clock in 50 ms steps: FakeTimeProvider fires a timer once per Advance at
    /// the end time, so one big jump would hide the retransmissions in between.
    /// </summary>
    private protected void Advance(double ms)
    {
        for (var left = ms; left > 0; left -= 50)
        {
            Time.Advance(TimeSpan.FromMilliseconds(Math.Min(50, left)));
        }
    }
}
