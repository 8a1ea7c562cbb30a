namespace Phone.SipCore.Messages;

/// <summary>
/// Known SIP header fields. The parser resolves each header name (long or compact
/// form, any case; RFC 3261 7.3.1 and 7.3.3) to one of these once, so later lookups
/// compare integers instead of strings.
/// </summary>
public enum HeaderId : byte
{
    Unknown = 0,
    Via,
    From,
    To,
    CallId,
    CSeq,
    Contact,
    MaxForwards,
    ContentLength,
    ContentType,
    ContentEncoding,
    ContentDisposition,
    Expires,
    MinExpires,
    Event,
    SubscriptionState,
    AllowEvents,
    RetryAfter,
    WwwAuthenticate,
    ProxyAuthenticate,
    Authorization,
    ProxyAuthorization,
    Route,
    RecordRoute,
    Subject,
    Supported,
    Require,
    ProxyRequire,
    Unsupported,
    Allow,
    Accept,
    Date,
    Timestamp,
    UserAgent,
    Server,
    Warning,
    ReferTo,
    ReferredBy,
    SessionExpires,
    AcceptContact,
    RejectContact,
    RequestDisposition,
    Identity,
    IdentityInfo,
}
