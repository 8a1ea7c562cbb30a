using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Phone.Web.Security;

/// <summary>
/// Version 1 of the stored admin hash: our own <c>pbkdf2-sha256$iterations$salt$hash</c>
/// (PBKDF2-SHA256, base64), written before ASP.NET Core's PasswordHasher was used. Only
/// verified, never written: a match is rehashed to version 2 at once.
/// </summary>
internal static class LegacyPasswordHash
{
    public const string Prefix = "pbkdf2-sha256$";

    /// <summary>Whether <paramref name="password"/> matches; false for any malformed hash.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] + "$" != Prefix
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            if (expected.Length == 0)
            {
                return false;
            }
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            // Constant time: the comparison must not tell an attacker how many bytes matched.
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
