namespace Phone.SipCore.SyncLog;

/// <summary>
/// What a status detail, a feature's detail or a refused change says, as a code: Phone.Web's
/// SyncLogText resource has one text per code and language (key <c>Phrase.&lt;Code&gt;</c>, a test
/// checks every code); {0}, {1}... are the phrase's non-detail arguments. Stored by name inside
/// <c>feature_state.detail</c> and the sync log: rename a code only with a migration.
/// </summary>
public enum StatusPhraseCode
{
    // Registration and subscription status (RFC 3261 10, RFC 6665).

    /// <summary>{0} what failed (a status line or another phrase), {1} seconds until the next try.</summary>
    RetryInSeconds,

    /// <summary>{0} the server's answer, {1} the event package, {2} minutes until the next try.</summary>
    PackageUnsupported,

    /// <summary>{0} the transaction's outcome.</summary>
    RefreshFailed,

    AccountIncomplete,
    Unsubscribed,
    SubscribedNoState,
    WaitingForFirstNotify,
    ActiveNoState,
    PendingAuthorization,
    Terminated,

    /// <summary>{0} the Subscription-State reason (RFC 6665 4.1.3).</summary>
    TerminatedBecause,

    /// <summary>{0} the reason.</summary>
    TerminatedResubscribing,

    /// <summary>{0} the reason.</summary>
    TerminatedNotRetrying,

    // Why a request failed (registration, subscription, feature code). The status line stays as
    // the peer sent it and comes first, so the diagnosis reads the status out of it.

    /// <summary>{0} the challenge's status line: the line has no auth user or password (RFC 3261 22.2).</summary>
    AuthNoCredentials,

    /// <summary>{0} the status line, {1} the auth user, {2} the realm: challenged again after answering.</summary>
    AuthCredentialsRejected,

    /// <summary>{0} the status line, {1} the realm: it called the nonce stale too many times in a row (RFC 7616 3.3).</summary>
    AuthStaleNonce,

    /// <summary>{0} the status line; the parser's reason is a detail.</summary>
    AuthChallengeUnusable,

    /// <summary>{0} seconds waited (Timer B or F, RFC 3261 17.1).</summary>
    NoFinalResponse,

    /// <summary>The transport could not send (RFC 3261 17.1.4); the socket's error is a detail.</summary>
    TransportFailed,

    /// <summary>The transaction layer was shut down.</summary>
    TransactionCancelled,

    /// <summary>More than the client follows of 423 and failover in one REGISTER exchange.</summary>
    TooManyRedirections,

    /// <summary>The error's type and message (a detail): nothing the phone expected.</summary>
    UnexpectedError,

    // DNS (RFC 3263). {0} the name.
    DnsNoSuchDomain,
    DnsNoAddresses,

    /// <summary>A lone SRV target "." (RFC 2782).</summary>
    DnsServiceNotOffered,

    /// <summary>The DNS server's answer or error is a detail.</summary>
    DnsQueryFailed,

    /// <summary>{0} the host as configured (with its port when that is out of range).</summary>
    InvalidHost,

    // A feature's detail.
    QueuedBehindChange,
    WaitingForSubscriptionState,
    QueuedBehindCode,

    /// <summary>{0} the dial string.</summary>
    Dialling,

    ExecutedByPhone,
    SetByServerCsta,
    NoSubscription,
    NoActiveSubscription,

    /// <summary>{0} the server's status line, e.g. <c>486 Busy Here</c>.</summary>
    ServerAnswered,

    /// <summary>{0} seconds.</summary>
    NoNotifyWithin,

    /// <summary>{0} the value the server kept, {1} the value asked for.</summary>
    ServerKept,

    // A feature code call's outcome.

    /// <summary>{0} why (the exception's message, a protocol detail).</summary>
    CodeNotSent,

    /// <summary>The last provisional status (a detail, left out when empty).</summary>
    CodeNoAnswerCancelled,

    /// <summary>{0} the transaction's outcome.</summary>
    CodeNoAnswer,

    /// <summary>{0} the request URI, {1} the outcome.</summary>
    CodeFailed,

    /// <summary>{0} the request URI: the PBX took it, and cannot report back.</summary>
    CodeSentNotConfirmable,

    /// <summary>{0} the 2xx status line: the PBX took the code and hung up.</summary>
    CodeAnsweredPbxHungUp,

    /// <summary>{0} the 2xx status line, {1} seconds waited for the PBX's BYE, {2} how our BYE ended (a status line or a phrase).</summary>
    CodeAnsweredWeHungUp,

    /// <summary>{0} the request URI, {1} how the call ended (a phrase): the sync log's bracket of a code sent.</summary>
    CodeSentAs,

    /// <summary>{0} why the BYE could not be sent (a detail).</summary>
    ByeNotSent,

    // A refused change (FeatureChangeResult). {0} the line, then as listed.
    LineDisabled,
    LineMissing,
    LineNotRegistered,

    /// <summary>{1} the feature, {2} the PBX profile, {3} on or off (a value).</summary>
    ProfileHasNoCode,

    /// <summary>{1} the feature, {2} the PBX profile, {3} the event package, {4} on or off (a value).</summary>
    NoSyncPath,

    /// <summary>{1} the validation failures (a <see cref="SyncLogArgKind.Validation"/> argument; older refusals: their English text).</summary>
    InvalidChange,
}
