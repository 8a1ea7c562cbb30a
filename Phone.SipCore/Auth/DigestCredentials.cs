namespace Phone.SipCore.Auth;

/// <summary>A SIP line's digest username and password.</summary>
public sealed record DigestCredentials(string Username, string Password)
{
    // The password must never reach a log line through the record's generated ToString.
    public override string ToString() => $"DigestCredentials {{ Username = {Username} }}";
}
