namespace Phone.SipCore.Transactions;

/// <summary>Why a client transaction ended without a final response.</summary>
public enum TransactionFailure
{
    None,

    /// <summary>Timer B or F fired: no final response in 64*T1 (RFC 3261 17.1.1.2, 17.1.2.2).</summary>
    Timeout,

    /// <summary>The transport could not send (RFC 3261 17.1.4).</summary>
    TransportError,

    /// <summary>The transaction layer was shut down.</summary>
    Cancelled,
}
