namespace Phone.Web.Security;

/// <summary>
/// The outcome of one sign-in attempt: the security stamp to put in a new session when the
/// password was right, or how long the client must wait when it was refused unchecked.
/// </summary>
public readonly record struct SignInCheck(string? SecurityStamp, TimeSpan? RetryAfter)
{
    public bool Succeeded => SecurityStamp is not null;

    public static SignInCheck Wrong => default;

    public static SignInCheck Throttled(TimeSpan wait) => new(null, wait);

    public static SignInCheck Success(string securityStamp) => new(securityStamp, null);
}
