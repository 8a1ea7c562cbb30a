namespace Phone.SipCore.Messages;

/// <summary>
/// A credentials or challenge value (WWW-Authenticate, Proxy-Authenticate, Authorization,
/// Proxy-Authorization; RFC 3261 20.7, 20.27, 20.44, 25.1): the scheme and its
/// auth-params, quoted values unquoted. Interpreting them is the Auth layer's job.
/// </summary>
public sealed record SipAuthValue(string Scheme, SipParameters Parameters, string Raw)
{
    public string? this[string name] => Parameters.Get(name);
}
