namespace Phone.SipCore.Transactions;

/// <summary>What the transaction layer made of an incoming request.</summary>
public enum ServerRequestDisposition
{
    /// <summary>A new transaction: the user must answer it.</summary>
    New,

    /// <summary>A retransmission or an ACK of a non-2xx, handled inside the layer.</summary>
    Absorbed,

    /// <summary>An ACK matching no transaction: the ACK of a 2xx, for the dialog (17.2.3).</summary>
    AckForDialog,
}

/// <summary>The disposition and, when new, the transaction to answer.</summary>
public readonly record struct ServerRequestResult(ServerRequestDisposition Disposition, ServerTransaction? Transaction);
