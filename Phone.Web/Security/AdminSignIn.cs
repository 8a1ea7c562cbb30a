using System.Net;

namespace Phone.Web.Security;

/// <summary>
/// One sign-in attempt, the same for the login form and HTTP Basic: the per-client throttle
/// admits it before the password is hashed, and its outcome is counted in the same place.
/// </summary>
public sealed class AdminSignIn(AdminAccount account, LoginThrottle throttle)
{
    public async Task<SignInCheck> CheckAsync(IPAddress? address, string userName, string password, CancellationToken cancellationToken)
    {
        // A blocked client is refused even with the right password, remembered or not.
        if (throttle.RetryAfter(address) is { } blocked)
        {
            return SignInCheck.Throttled(blocked);
        }
        // One read: the stamp given to the session belongs to the hash the password matched, so a
        // change made meanwhile leaves this session with the old stamp, which is then refused.
        var stored = await account.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return SignInCheck.Wrong;
        }
        // A pair checked a moment ago costs no hash, so it takes no place: a script sending many
        // requests at once with the right password is not refused for being busy.
        if (account.IsRemembered(stored, userName, password))
        {
            throttle.RecordSuccess(address);
            return SignInCheck.Success(stored.SecurityStamp);
        }
        if (!throttle.TryBegin(address, out var wait))
        {
            return SignInCheck.Throttled(wait);
        }
        var succeeded = false;
        try
        {
            succeeded = await account.VerifyAsync(stored, userName, password, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also on an exception: an attempt that may have been hashed is counted, never lost.
            throttle.End(address, succeeded);
        }
        return succeeded ? SignInCheck.Success(stored.SecurityStamp) : SignInCheck.Wrong;
    }
}
