using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Phone.Storage.Lines;

/// <summary>
/// The one path that decrypts a SIP password: for the SIP core's digest authentication
/// (RFC 3261 22). Kept apart from <see cref="LineRepository"/> so no page or API that reads
/// lines can reach a password by accident.
/// </summary>
/// <remarks>
/// A password that no longer decrypts (the data folder's <c>keys</c> were lost or replaced, e.g.
/// a database copied to another phone without them) reads as no password, with a warning naming
/// the line: the line starts and reports that its server wants credentials, and the admin
/// enters the password again; one such line never stops the others from starting.
/// </remarks>
public sealed class LineCredentialReader(
    PhoneDatabase database,
    SipPasswordProtector passwords,
    StorageOptions options,
    ILogger<LineCredentialReader> logger)
{
    /// <summary>The line's credentials, or null when the line does not exist or has no password it can read.</summary>
    public Task<SipCredentials?> GetAsync(int line, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var row = LineSql.Read(connection, null, line);
        return Task.FromResult(row is null ? null : Credentials(row));
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
            if (Credentials(row) is { } credentials)
            {
                all[credentials.Line] = credentials;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<int, SipCredentials>>(all);
    }

    private SipCredentials? Credentials(LineSql.LineRow row)
    {
        if (row.PasswordProtected is null)
        {
            return null;
        }
        try
        {
            return new SipCredentials((int)row.Number, row.User, row.AuthUser, passwords.Unprotect(row.PasswordProtected));
        }
        catch (CryptographicException ex)
        {
            logger.LogWarning("Line {Line}'s stored SIP password cannot be decrypted ({Reason}): the keys in {Keys} are not " +
                "the ones it was saved with. The line starts without it; enter the password again.",
                row.Number, ex.Message, Path.Combine(database.DataDirectory, StorageHostingExtensions.KeysDirectoryName));
            return null;
        }
    }
}
