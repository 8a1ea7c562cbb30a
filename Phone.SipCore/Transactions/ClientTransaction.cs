using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>
/// A client transaction: the request is sent and retransmitted until a final response, and
/// <see cref="Completion"/> then tells the transaction user how it ended.
/// </summary>
public abstract class ClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<TransactionOutcome> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected ClientTransaction(TransactionLayer layer, SipRequest request, ReadOnlyMemory<byte> bytes, SipEndPoint remote)
        : base(layer, TransactionKey.ForClient(TransactionKey.TopBranch(request), request.Method), remote, request.CallId)
    {
        Request = request;
        RequestBytes = bytes;
    }

    public SipRequest Request { get; }

    /// <summary>The final response, or the failure, once the transaction knows it.</summary>
    public Task<TransactionOutcome> Completion => _completion.Task;

    /// <summary>Provisional responses (1xx), passed up as they arrive.</summary>
    public Action<SipResponse>? OnProvisional { get; init; }

    private protected ReadOnlyMemory<byte> RequestBytes { get; }

    internal abstract void Start();

    /// <summary>
    /// Takes a response matched to this transaction; true when it was passed up to the transaction
    /// user (who may keep it), false when the state machine absorbed it (a retransmitted final,
    /// a provisional nobody listens to), so the receiver may release it at once.
    /// </summary>
    internal abstract bool OnResponse(SipResponse response);

    private protected void Complete(TransactionOutcome outcome) => _completion.TrySetResult(outcome);

    private protected bool RaiseProvisional(SipResponse response)
    {
        if (OnProvisional is not { } listener)
        {
            return false;
        }
        listener(response);
        return true;
    }

    private protected override void OnTransportError(Exception error)
    {
        lock (Gate)
        {
            Terminate();
        }
        Complete(new TransactionOutcome(null, TransactionFailure.TransportError, error.Message));
    }

    internal override void Abort()
    {
        lock (Gate)
        {
            Terminate();
        }
        Complete(new TransactionOutcome(null, TransactionFailure.Cancelled));
    }
}
