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
        : base(layer, TransactionKey.ForClient(request.TopVia.Branch ?? "", request.Method), remote, request.CallId)
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

    internal abstract void OnResponse(SipResponse response);

    private protected void Complete(TransactionOutcome outcome) => _completion.TrySetResult(outcome);

    private protected void RaiseProvisional(SipResponse response) => OnProvisional?.Invoke(response);

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
