namespace Phone.SipCore.FeatureSync.Model;

/// <summary>
/// How far a feature's value can be trusted, so the UI can tell what is true from what
/// was only asked for.
/// </summary>
public enum FeatureStanding
{
    /// <summary>The server reported this value (NOTIFY or uaCSTA).</summary>
    Confirmed,

    /// <summary>A change was sent by SUBSCRIBE and its confirming NOTIFY has not arrived yet.</summary>
    Pending,

    /// <summary>A feature code was dialled and answered; feature codes never confirm (protocol.md 2).</summary>
    SentUnconfirmed,

    /// <summary>The server answered the change with a different value or an error.</summary>
    Rejected,

    /// <summary>The confirmation window ended without a NOTIFY carrying the asked-for value.</summary>
    NotConfirmed,

    /// <summary>Feature sync is off: the phone executes the feature itself.</summary>
    Local,

    /// <summary>The server's full state omits the feature: it is not assigned to the user.</summary>
    NotAssigned,

    /// <summary>Sending the change failed (error response, timeout, no transport).</summary>
    Failed,

    /// <summary>
    /// The subscription is active but the server holds no state yet (empty NOTIFY): the value
    /// shown is not the server's (docs/protocol.md 5).
    /// </summary>
    NotReported,
}
