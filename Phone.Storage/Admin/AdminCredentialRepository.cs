using Dapper;

namespace Phone.Storage.Admin;

/// <summary>
/// The stored password hash and security stamp of the web admin account. Hashing and checking
/// live in the web layer; this class only keeps the opaque texts. Every write that changes who
/// may stay signed in gives the account a new stamp in the same statement.
/// </summary>
public sealed class AdminCredentialRepository(PhoneDatabase database, TimeProvider time)
{
    // 128 random bits from SQLite's generator: the stamp only has to differ from every earlier
    // one, and making it in the statement keeps the write one atomic step.
    private const string NewStamp = "lower(hex(randomblob(16)))";

    /// <summary>The account's hash, or null before the first start has set one.</summary>
    public Task<string?> GetHashAsync(string userName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(connection.QuerySingleOrDefault<string?>(
            "SELECT password_hash FROM admin_account WHERE user_name = @userName;", new { userName }));
    }

    /// <summary>Hash, stamp and stamp session in one read, or null before the first start.</summary>
    public Task<AdminCredential?> GetAsync(string userName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(connection.QuerySingleOrDefault<AdminCredential?>("""
            SELECT user_name AS UserName, password_hash AS PasswordHash, security_stamp AS SecurityStamp,
                   stamp_session AS StampSession
            FROM admin_account WHERE user_name = @userName;
            """, new { userName }));
    }

    /// <summary>Stores the hash only when the account has none yet; true when it was stored.</summary>
    public Task<bool> CreateIfMissingAsync(string userName, string passwordHash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var rows = connection.Execute($"""
            INSERT OR IGNORE INTO admin_account (user_name, password_hash, changed_at, security_stamp)
            VALUES (@userName, @passwordHash, @at, {NewStamp});
            """, new { userName, passwordHash, at = time.GetUtcNow() });
        return Task.FromResult(rows == 1);
    }

    /// <summary>Replaces the hash of an existing or new account and ends every session (new stamp).</summary>
    public Task SetHashAsync(string userName, string passwordHash, CancellationToken cancellationToken = default) =>
        ChangePasswordAsync(userName, passwordHash, keptSession: null, cancellationToken);

    /// <summary>
    /// A password change: the new hash and a new stamp, which ends every session except
    /// <paramref name="keptSession"/> (the one that asked for the change; null = none).
    /// </summary>
    public Task ChangePasswordAsync(string userName, string passwordHash, string? keptSession, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        connection.Execute($"""
            INSERT INTO admin_account (user_name, password_hash, changed_at, security_stamp, stamp_session)
            VALUES (@userName, @passwordHash, @at, {NewStamp}, @kept)
            ON CONFLICT (user_name) DO UPDATE SET password_hash = excluded.password_hash, changed_at = excluded.changed_at,
                security_stamp = excluded.security_stamp, stamp_session = excluded.stamp_session;
            """, new { userName, passwordHash, at = time.GetUtcNow(), kept = keptSession ?? "" });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stores the same password in a newer hash format, only while <paramref name="expectedHash"/>
    /// is still the stored one, so a rehash never undoes a change made meanwhile. Sessions
    /// are kept: the password did not change. True when it was stored.
    /// </summary>
    public Task<bool> RehashAsync(string userName, string expectedHash, string newHash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var rows = connection.Execute("""
            UPDATE admin_account SET password_hash = @newHash WHERE user_name = @userName AND password_hash = @expectedHash;
            """, new { userName, expectedHash, newHash });
        return Task.FromResult(rows == 1);
    }

    /// <summary>"Sign out everywhere": a new stamp, kept by no session.</summary>
    public Task RotateSecurityStampAsync(string userName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        connection.Execute($"""
            UPDATE admin_account SET security_stamp = {NewStamp}, stamp_session = '' WHERE user_name = @userName;
            """, new { userName });
        return Task.CompletedTask;
    }
}
