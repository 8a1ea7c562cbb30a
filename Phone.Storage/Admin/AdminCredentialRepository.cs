using Dapper;

namespace Phone.Storage.Admin;

/// <summary>
/// The stored password hash of the web admin account. Hashing and checking live in the
/// web layer; this class only keeps the opaque hash text.
/// </summary>
public sealed class AdminCredentialRepository(PhoneDatabase database, TimeProvider time)
{
    /// <summary>The account's hash, or null before the first start has set one.</summary>
    public Task<string?> GetHashAsync(string userName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(connection.QuerySingleOrDefault<string?>(
            "SELECT password_hash FROM admin_account WHERE user_name = @userName;", new { userName }));
    }

    /// <summary>Stores the hash only when the account has none yet; true when it was stored.</summary>
    public Task<bool> CreateIfMissingAsync(string userName, string passwordHash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var rows = connection.Execute("""
            INSERT OR IGNORE INTO admin_account (user_name, password_hash, changed_at) VALUES (@userName, @passwordHash, @at);
            """, new { userName, passwordHash, at = time.GetUtcNow() });
        return Task.FromResult(rows == 1);
    }

    /// <summary>Replaces the hash of an existing or new account.</summary>
    public Task SetHashAsync(string userName, string passwordHash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        connection.Execute("""
            INSERT INTO admin_account (user_name, password_hash, changed_at) VALUES (@userName, @passwordHash, @at)
            ON CONFLICT (user_name) DO UPDATE SET password_hash = excluded.password_hash, changed_at = excluded.changed_at;
            """, new { userName, passwordHash, at = time.GetUtcNow() });
        return Task.CompletedTask;
    }
}
