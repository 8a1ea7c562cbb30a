using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Phone.Web.Security;

/// <summary>
/// The stored form of the admin password, versioned so it is clear which verifier applies:
/// <c>v2$</c> + ASP.NET Core's <see cref="PasswordHasher{TUser}"/> output (PBKDF2 with
/// HMAC-SHA512; the hasher's own format byte and iteration count travel inside, so it can
/// raise them later), or our older <c>pbkdf2-sha256$…</c> (version 1), which still verifies
/// and is reported as needing a rehash.
/// </summary>
public static class PasswordHashing
{
    public const string CurrentPrefix = "v2$";

    // PasswordHasher is stateless apart from its options and safe to share.
    private static readonly PasswordHasher<AdminAccount> Standard = new();

    public static string Hash(string password) => Hash(Standard, password);

    public static string Hash(IPasswordHasher<AdminAccount> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(password);
        // The hasher does not look at the user; there is only one account.
        return CurrentPrefix + hasher.HashPassword(null!, password);
    }

    /// <summary>Whether <paramref name="password"/> matches; false for any malformed hash.</summary>
    public static bool Verify(string password, string stored) => Check(Standard, password, stored) != PasswordVerificationResult.Failed;

    /// <summary>
    /// Checks <paramref name="password"/> against a stored hash of either version. A match of
    /// an older version, or one the hasher would now make stronger, says
    /// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>.
    /// </summary>
    public static PasswordVerificationResult Check(IPasswordHasher<AdminAccount> hasher, string password, string? stored)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(password);
        switch (VersionOf(stored))
        {
            case PasswordHashVersion.V2:
                try
                {
                    return hasher.VerifyHashedPassword(null!, stored![CurrentPrefix.Length..], password);
                }
                catch (FormatException)
                {
                    // Not base64 after the prefix: a damaged value verifies nothing.
                    return PasswordVerificationResult.Failed;
                }
            case PasswordHashVersion.V1:
                return LegacyPasswordHash.Verify(password, stored!)
                    ? PasswordVerificationResult.SuccessRehashNeeded
                    : PasswordVerificationResult.Failed;
            default:
                return PasswordVerificationResult.Failed;
        }
    }

    public static PasswordHashVersion VersionOf(string? stored) =>
        stored is null ? PasswordHashVersion.Unknown
        : stored.StartsWith(CurrentPrefix, StringComparison.Ordinal) ? PasswordHashVersion.V2
        : stored.StartsWith(LegacyPasswordHash.Prefix, StringComparison.Ordinal) ? PasswordHashVersion.V1
        : PasswordHashVersion.Unknown;

    /// <summary>A random password for a first start without a configured one: 16 URL-safe characters.</summary>
    public static string Generate() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 16);
}
