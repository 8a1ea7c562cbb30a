namespace Phone.Storage.Lines;

/// <summary>
/// The one path that decrypts a SIP password: for the SIP core's digest authentication
/// (RFC 3261 22). Kept apart from <see cref="LineRepository"/> so no page or API that reads
/// lines can reach a password by accident.
/// </summary>
public sealed class LineCredentialReader(PhoneDatabase database, SipPasswordProtector passwords)
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
}
