namespace Phone.Storage.Admin;

/// <summary>
/// One read of the admin account: the password hash, the security stamp every browser session
/// must carry, and the session that set that stamp and keeps its sign-in ('' = none).
/// </summary>
public sealed record AdminCredential(string UserName, string PasswordHash, string SecurityStamp, string StampSession)
{
    // A record prints every member; the hash stays out of logs and exception texts.
    public override string ToString() => $"AdminCredential {{ UserName = {UserName}, SecurityStamp = {SecurityStamp} }}";
}
