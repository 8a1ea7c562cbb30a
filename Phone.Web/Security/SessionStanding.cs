namespace Phone.Web.Security;

/// <summary>Where a browser session stands against the account's current security stamp.</summary>
public enum SessionStanding
{
    /// <summary>Signed in with the current stamp.</summary>
    Current,

    /// <summary>The session that changed the password: it stays, with the new stamp.</summary>
    Kept,

    /// <summary>Ended by a password change or "sign out everywhere" (or from before stamps existed).</summary>
    Ended,
}
