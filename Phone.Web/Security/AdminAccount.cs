using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Phone.Storage.Admin;
using Phone.Storage.Recovery;

namespace Phone.Web.Security;

/// <summary>
/// The one web admin account: checks and changes its password and ends its sessions.
/// Successful checks are remembered briefly, keyed by a hash of hash and password, so HTTP
/// Basic clients that authenticate every request do not pay for the password hash each time.
/// </summary>
/// <param name="hasher">The version-2 hasher; ASP.NET Core's <see cref="PasswordHasher{TUser}"/> unless replaced.</param>
/// <param name="initialPassword">The file holding a generated first password, removed at the first change.</param>
/// <param name="goodCopies">Asked for a copy of the database after each stored password (a restored copy must know it).</param>
public sealed class AdminAccount(AdminCredentialRepository credentials, IPasswordHasher<AdminAccount>? hasher = null,
    InitialPasswordFile? initialPassword = null, GoodCopies? goodCopies = null)
{
    public const string UserName = "admin";
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    private readonly IPasswordHasher<AdminAccount> _hasher = hasher ?? new PasswordHasher<AdminAccount>();
    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = 64 });

    /// <summary>The stored account (hash, security stamp), read once per request that needs it.</summary>
    public Task<AdminCredential?> ReadAsync(CancellationToken cancellationToken) =>
        credentials.GetAsync(UserName, cancellationToken);

    public async Task<bool> VerifyAsync(string userName, string password, CancellationToken cancellationToken) =>
        await ReadAsync(cancellationToken).ConfigureAwait(false) is { } stored
        && await VerifyAsync(stored, userName, password, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether this name and password matched <paramref name="stored"/> a short while ago, without hashing.</summary>
    public bool IsRemembered(AdminCredential stored, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return IsPlausible(userName, password) && _verified.TryGetValue(CacheKey(stored.PasswordHash, password), out _);
    }

    /// <summary>
    /// Checks the password against <paramref name="stored"/>. A match against an older hash
    /// format (or weaker hasher settings) is stored again in the current format.
    /// </summary>
    public async Task<bool> VerifyAsync(AdminCredential stored, string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsPlausible(userName, password))
        {
            return false;
        }
        if (IsRemembered(stored, userName, password))
        {
            return true;
        }
        var result = PasswordHashing.Check(_hasher, password, stored.PasswordHash);
        if (result == PasswordVerificationResult.Failed)
        {
            return false;
        }
        var current = stored.PasswordHash;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = PasswordHashing.Hash(_hasher, password);
            if (await credentials.RehashAsync(UserName, stored.PasswordHash, rehashed, cancellationToken).ConfigureAwait(false))
            {
                current = rehashed;
            }
        }
        Remember(current, password);
        return true;
    }

    /// <summary>Changes the password after checking the current one, ending every other session; returns an error key or null.</summary>
    public Task<string?> ChangeAsync(string current, string next, CancellationToken cancellationToken) =>
        ChangeAsync(current, next, keepSession: null, cancellationToken);

    /// <summary>
    /// Changes the password after checking the current one; returns an error key or null. Every
    /// session ends on its next request except <paramref name="keepSession"/> (the id of the
    /// session asking, from <see cref="AdminSession.IdOf"/>), whose cookie is re-issued instead.
    /// </summary>
    public async Task<string?> ChangeAsync(string current, string next, string? keepSession, CancellationToken cancellationToken)
    {
        if (!await VerifyAsync(UserName, current, cancellationToken).ConfigureAwait(false))
        {
            return "Password.WrongCurrent";
        }
        if (next is null || next.Length < MinPasswordLength || next.Length > MaxPasswordLength)
        {
            return "Password.Length";
        }
        await credentials.ChangePasswordAsync(UserName, PasswordHashing.Hash(_hasher, next), keepSession, cancellationToken)
            .ConfigureAwait(false);
        goodCopies?.RequestCopy();
        // The old password must stop working at once.
        _verified.Clear();
        initialPassword?.Delete();
        return null;
    }

    /// <summary>Ends every browser session, the caller's too, on its next request.</summary>
    public Task SignOutEverywhereAsync(CancellationToken cancellationToken) =>
        credentials.RotateSecurityStampAsync(UserName, cancellationToken);

    /// <summary>Sets the first password; false when one is already stored.</summary>
    public async Task<bool> CreateAsync(string password, CancellationToken cancellationToken)
    {
        // Every start comes here. A stored account is the usual case, and then no hash is made:
        // one PBKDF2 hash is a few hundred milliseconds of a core, which the start would take
        // from the lines registering beside it (docs/performance.md, "Target 5"). The insert
        // below still only stores when no account exists, so a second writer cannot replace it.
        if (await credentials.GetHashAsync(UserName, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }
        var created = await credentials.CreateIfMissingAsync(UserName, PasswordHashing.Hash(_hasher, password), cancellationToken)
            .ConfigureAwait(false);
        if (created)
        {
            goodCopies?.RequestCopy();
        }
        return created;
    }

    private static bool IsPlausible(string userName, string password) =>
        string.Equals(userName, UserName, StringComparison.Ordinal) && !string.IsNullOrEmpty(password)
        && password.Length <= MaxPasswordLength;

    private void Remember(string storedHash, string password) =>
        _verified.Set(CacheKey(storedHash, password), true, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(5) });

    private static string CacheKey(string stored, string password) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stored + "\n" + password)));
}
