using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Phone.Web.Security;

/// <summary>
/// The cookie's <c>OnValidatePrincipal</c>: a session lives only while it carries the account's
/// current security stamp. The stamp is read from the database on every request (one indexed
/// row), so a password change or "sign out everywhere" takes effect on the very next request of
/// every other session, with no cache to go stale. The session that changed the password is
/// named with the stamp and gets its cookie re-issued with the new one instead.
/// </summary>
internal static class SessionStampValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var account = context.HttpContext.RequestServices.GetRequiredService<AdminAccount>();
        var stored = await account.ReadAsync(context.HttpContext.RequestAborted);
        switch (SessionStandings.Of(context.Principal, stored))
        {
            case SessionStanding.Current:
                return;
            case SessionStanding.Kept:
                context.ReplacePrincipal(AdminSession.Create(stored!.SecurityStamp, AdminSession.IdOf(context.Principal)!));
                context.ShouldRenew = true;
                return;
            default:
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
                return;
        }
    }
}
