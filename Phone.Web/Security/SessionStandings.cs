using System.Security.Claims;
using Phone.Storage.Admin;

namespace Phone.Web.Security;

/// <summary>Decides a session's standing: one rule for the cookie check and for open pages alike.</summary>
public static class SessionStandings
{
    public static SessionStanding Of(ClaimsPrincipal? principal, AdminCredential? stored)
    {
        if (stored is null)
        {
            return SessionStanding.Ended;
        }
        if (AdminSession.StampOf(principal) is { } stamp && string.Equals(stamp, stored.SecurityStamp, StringComparison.Ordinal))
        {
            return SessionStanding.Current;
        }
        return AdminSession.IdOf(principal) is { } id && stored.StampSession.Length > 0
            && string.Equals(id, stored.StampSession, StringComparison.Ordinal)
            ? SessionStanding.Kept
            : SessionStanding.Ended;
    }
}
