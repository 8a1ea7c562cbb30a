namespace Phone.Web.Security;

/// <summary>Which verifier a stored admin hash needs (see <see cref="PasswordHashing"/>).</summary>
public enum PasswordHashVersion
{
    /// <summary>Not a hash we wrote: nothing verifies against it.</summary>
    Unknown,

    /// <summary><c>pbkdf2-sha256$…</c>, our own format before version 2; verified, then rehashed.</summary>
    V1,

    /// <summary><c>v2$</c> followed by ASP.NET Core's <c>PasswordHasher</c> output.</summary>
    V2,
}
