using FluentValidation;
using FluentValidation.Results;
using Microsoft.Data.Sqlite;
using Phone.SipCore.Configuration;
using Phone.Storage.Profiles;

namespace Phone.Storage.Lines;

/// <summary>
/// The SIP lines. Lines 1..<see cref="StorageOptions.MaxLines"/> always exist (created
/// disabled); a save is validated against the shared rules and writes nothing when invalid.
/// Passwords go in encrypted and never come out of this class.
/// </summary>
public sealed class LineRepository(PhoneDatabase database, StorageOptions options, SipPasswordProtector passwords)
{
    private int _ensured;

    public int MaxLines => options.MaxLines;

    /// <summary>Creates the missing lines, disabled, with their contact tokens. Idempotent; run at start-up.</summary>
    public Task EnsureLinesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        // One transaction: the tokens are checked for clashes and written under one write lock.
        using var transaction = connection.BeginTransaction();
        LineSql.EnsureLines(connection, transaction, options.MaxLines);
        transaction.Commit();
        Volatile.Write(ref _ensured, 1);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<LineView>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await EnsureOnceAsync(cancellationToken).ConfigureAwait(false);
        using var connection = database.Open();
        return LineSql.ReadAll(connection, null, options.MaxLines).Select(r => r.ToView()).ToList();
    }

    /// <summary>The line, or null when the number is outside 1..MaxLines.</summary>
    public async Task<LineView?> GetAsync(int number, CancellationToken cancellationToken = default)
    {
        if (number < 1 || number > options.MaxLines)
        {
            return null;
        }
        await EnsureOnceAsync(cancellationToken).ConfigureAwait(false);
        using var connection = database.Open();
        return LineSql.Read(connection, null, number)?.ToView();
    }

    /// <summary>Checks settings against the shared rules and the stored profiles without writing.</summary>
    public Task<ValidationResult> ValidateAsync(LineSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(CreateValidator(connection, null, options.MaxLines).Validate(settings));
    }

    /// <summary>
    /// Stores the settings. <see cref="LineSettings.Password"/> null keeps the stored
    /// password, empty clears it, anything else replaces it.
    /// </summary>
    /// <exception cref="ValidationException">The settings break a rule; nothing was written.</exception>
    public Task<LineView> SaveAsync(LineSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var result = CreateValidator(connection, transaction, options.MaxLines).Validate(settings);
        if (!result.IsValid)
        {
            throw new ValidationException(result.Errors);
        }
        Write(connection, transaction, settings, passwords);
        var stored = LineSql.Read(connection, transaction, settings.Number)!.ToView();
        transaction.Commit();
        return Task.FromResult(stored);
    }

    internal static LineSettingsValidator CreateValidator(SqliteConnection connection, SqliteTransaction? transaction, int maxLines) =>
        new(maxLines, id => PbxProfileSql.Read(connection, transaction, id));

    internal static void Write(SqliteConnection connection, SqliteTransaction transaction, LineSettings settings,
        SipPasswordProtector passwords)
    {
        var clear = settings.Password is { Length: 0 };
        var protectedPassword = settings.Password is { Length: > 0 } p ? passwords.Protect(p) : null;
        LineSql.Write(connection, transaction, settings, protectedPassword, clear);
    }

    private Task EnsureOnceAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _ensured) == 1 ? Task.CompletedTask : EnsureLinesAsync(cancellationToken);
}
