using Microsoft.Extensions.Logging;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>
/// What all four RFC 3261 section 17 state machines share: one lock for their state, timers
/// from the layer's TimeProvider (never a sleep), and sending with transport errors caught.
/// </summary>
public abstract class SipTransaction
{
    private readonly Lock _gate = new();
    private ITimer? _retransmitTimer;
    private ITimer? _endTimer;
    // Every message of a transaction carries its request's Call-ID (RFC 3261 17.1.1.3, 8.2.6.2).
    private readonly string _callId;

    private protected SipTransaction(TransactionLayer layer, TransactionKey key, SipEndPoint remote, string callId)
    {
        _callId = callId;
        Layer = layer;
        Key = key;
        Remote = remote;
    }

    public TransactionKey Key { get; }

    /// <summary>Where requests go (client) or responses go (server).</summary>
    public SipEndPoint Remote { get; }

    public bool IsReliable => Remote.IsStream;

    public bool IsTerminated { get; private set; }

    private protected TransactionLayer Layer { get; }

    private protected Lock Gate => _gate;

    private protected TimeProvider Time => Layer.Time;

    private protected TransactionTimers Timers => Layer.Timers;

    /// <summary>(Re)arms the retransmission timer (A, E, G) to fire once after <paramref name="due"/>.</summary>
    private protected void ArmRetransmit(TimeSpan due, Action onFire)
    {
        _retransmitTimer?.Dispose();
        _retransmitTimer = Time.CreateTimer(_ => onFire(), null, due, Timeout.InfiniteTimeSpan);
    }

    private protected void StopRetransmit()
    {
        _retransmitTimer?.Dispose();
        _retransmitTimer = null;
    }

    /// <summary>(Re)arms the timer that ends a state (B, D, F, H, I, J, K, L, M); zero fires at once.</summary>
    private protected void ArmEnd(TimeSpan due, Action onFire)
    {
        _endTimer?.Dispose();
        if (due <= TimeSpan.Zero)
        {
            _endTimer = null;
            onFire();
            return;
        }
        _endTimer = Time.CreateTimer(_ => onFire(), null, due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Sends without awaiting; a failure is handed to <see cref="OnTransportError"/>.</summary>
    private protected void Send(ReadOnlyMemory<byte> message)
    {
        ValueTask sending;
        try
        {
            sending = Layer.Sender.SendAsync(message, _callId, Remote, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ReportSendFailure(ex);
            return;
        }
        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending);
        }
    }

    private async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ReportSendFailure(ex);
        }
    }

    private void ReportSendFailure(Exception ex)
    {
        Layer.Logger.LogDebug(ex, "Transaction {Key}: send to {Remote} failed", Key, Remote);
        OnTransportError(ex);
    }

    /// <summary>RFC 3261 17.1.4 / 17.2.4: a transport failure ends the transaction.</summary>
    private protected abstract void OnTransportError(Exception error);

    /// <summary>Stops every timer and removes the transaction from the layer.</summary>
    private protected void Terminate()
    {
        if (IsTerminated)
        {
            return;
        }
        IsTerminated = true;
        _retransmitTimer?.Dispose();
        _endTimer?.Dispose();
        Layer.Remove(this);
        OnTerminated();
    }

    /// <summary>Runs once, when the transaction ends: a server transaction lets go of its request here.</summary>
    private protected virtual void OnTerminated()
    {
    }

    /// <summary>Shuts the transaction down with the layer.</summary>
    internal abstract void Abort();
}
