namespace Phone.Storage.Lines;

/// <summary>What the SIP core needs to answer a digest challenge for one line.</summary>
public sealed record SipCredentials(int Line, string User, string AuthUser, string Password)
{
    /// <summary>The digest user name: the auth user when set, else the line's user.</summary>
    public string DigestUser => AuthUser.Length > 0 ? AuthUser : User;

    // Records print every member by default; a password must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Line = {Line}, User = {User}, AuthUser = {AuthUser}, Password = ***");
        return true;
    }
}
