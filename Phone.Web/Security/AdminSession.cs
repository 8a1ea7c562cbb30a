using System.Security.Claims;
using System.Security.Cryptography;

namespace Phone.Web.Security;

/// <summary>
/// The claims of a browser session (the auth cookie): the admin's name, the security stamp the
/// account had at sign-in, and a random id of this sign-in, by which the session that changed
/// the password is told from the others.
/// </summary>
public static class AdminSession
{
    public const string StampClaim = "featuresync:stamp";
    public const string IdClaim = "featuresync:session";

    public static ClaimsPrincipal Create(string securityStamp, string sessionId) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, AdminAccount.UserName),
            new Claim(StampClaim, securityStamp),
            new Claim(IdClaim, sessionId),
        ], AuthSchemes.Cookie));

    public static string NewId() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static string? StampOf(ClaimsPrincipal? principal) => principal?.FindFirst(StampClaim)?.Value;

    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirst(IdClaim)?.Value;
}
