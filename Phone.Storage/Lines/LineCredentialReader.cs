namespace Phone.Storage.Lines;

/// <summary>
/// The one path that decrypts a SIP password: for the SIP core's digest authentication
/// (RFC 3261 22). Kept apart from <see cref="LineRepository"/> so no page or API that reads
/// lines can reach a password by accident.
/// </summary>
public sealed class LineCredentialReader(PhoneDatabase database, SipPasswordProtector passwords, StorageOptions options)
{
    /// <summary>The line's credentials, or null when the line does not exist or has no password.</summary>
    public Task<SipCredentials?> GetAsync(int line, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var row = LineSql.Read(connection, null, line);
        if (row?.PasswordProtected is null)
        {
            return Task.FromResult<SipCredentials?>(null);
        }
        return Task.FromResult<SipCredentials?>(
            new SipCredentials((int)row.Number, row.User, row.AuthUser, passwords.Unprotect(row.PasswordProtected)));
    }

    /// <summary>
    /// Every line's credentials in one query, keyed by line number; lines without a password are
    /// absent. For the first start of all lines: one read per line cost more than the 1,000
    /// lines' REGISTERs (docs/performance.md, "Target 5").
    /// </summary>
    public Task<IReadOnlyDictionary<int, SipCredentials>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var all = new Dictionary<int, SipCredentials>();
        foreach (var row in LineSql.ReadAll(connection, null, options.MaxLines))
        {
            if (row.PasswordProtected is not null)
            {
                all[(int)row.Number] = new SipCredentials((int)row.Number, row.User, row.AuthUser, passwords.Unprotect(row.PasswordProtected));
            }
        }
        return Task.FromResult<IReadOnlyDictionary<int, SipCredentials>>(all);
    }
}
