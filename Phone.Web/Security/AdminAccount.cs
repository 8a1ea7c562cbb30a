using Microsoft.Extensions.Caching.Memory;
using Phone.Storage.Admin;

namespace Phone.Web.Security;

/// <summary>
/// The one web admin account: checks and changes its password. Successful checks are
/// remembered briefly, keyed by a hash of hash and password, so HTTP Basic clients that
/// authenticate every request do not pay for PBKDF2 each time.
/// </summary>
public sealed class AdminAccount(AdminCredentialRepository credentials)
{
    public const string UserName = "admin";
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = 64 });

    public async Task<bool> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        if (!string.Equals(userName, UserName, StringComparison.Ordinal) || string.IsNullOrEmpty(password)
            || password.Length > MaxPasswordLength)
        {
            return false;
        }
        var stored = await credentials.GetHashAsync(UserName, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return false;
        }
        var key = CacheKey(stored, password);
        if (_verified.TryGetValue(key, out _))
        {
            return true;
        }
        var ok = PasswordHashing.Verify(password, stored);
        if (ok)
        {
            _verified.Set(key, true, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(5) });
        }
        return ok;
    }

    /// <summary>Changes the password after checking the current one; returns an error key or null.</summary>
    public async Task<string?> ChangeAsync(string current, string next, CancellationToken cancellationToken)
    {
        if (!await VerifyAsync(UserName, current, cancellationToken).ConfigureAwait(false))
        {
            return "Password.WrongCurrent";
        }
        if (next is null || next.Length < MinPasswordLength || next.Length > MaxPasswordLength)
        {
            return "Password.Length";
        }
        await credentials.SetHashAsync(UserName, PasswordHashing.Hash(next), cancellationToken).ConfigureAwait(false);
        // The old password must stop working at once.
        _verified.Clear();
        return null;
    }

    /// <summary>Sets the first password; false when one is already stored.</summary>
    public Task<bool> CreateAsync(string password, CancellationToken cancellationToken) =>
        credentials.CreateIfMissingAsync(UserName, PasswordHashing.Hash(password), cancellationToken);

    private static string CacheKey(string stored, string password) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stored + "\n" + password)));
}
