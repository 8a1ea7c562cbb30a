using System.Globalization;
using Dapper;
using FluentValidation;

namespace Phone.Storage.Provisioning;

/// <summary>
/// The provisioning settings (one row), the cache validators of the file last applied, and the
/// attempts (the newest 50, bounded by a trigger of migration 0009).
/// </summary>
public sealed class ProvisioningRepository(PhoneDatabase database, ProvisioningPasswordProtector passwords,
    ProvisioningSettingsValidator validator)
{
    public Task<ProvisioningView> GetAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var row = connection.QuerySingle<SettingsRow>("""
            SELECT url AS Url, device_id AS DeviceId, user AS User, password_protected IS NOT NULL AS HasPassword,
                   ca_certificate_pem AS CaCertificatePem, interval_hours AS IntervalHours, check_sync AS CheckSync,
                   last_applied AS LastApplied
            FROM provisioning WHERE id = 1;
            """);
        return Task.FromResult(new ProvisioningView(row.Url, row.DeviceId, row.User, row.HasPassword != 0, row.CaCertificatePem,
            (int)row.IntervalHours, row.CheckSync != 0, row.LastApplied));
    }

    /// <summary>
    /// Validates and stores the settings (password: null keeps, empty clears); throws
    /// <see cref="ValidationException"/> and stores nothing when a rule is broken.
    /// </summary>
    public async Task<ProvisioningView> SaveAsync(ProvisioningSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await validator.ValidateAndThrowAsync(settings, cancellationToken).ConfigureAwait(false);
        using (var connection = database.Open())
        {
            connection.Execute("""
                UPDATE provisioning SET url = @Url, device_id = @DeviceId, user = @User, ca_certificate_pem = @Pem,
                    interval_hours = @IntervalHours, check_sync = @CheckSync,
                    password_protected = CASE WHEN @KeepPassword THEN password_protected ELSE @Protected END
                WHERE id = 1;
                """,
                new
                {
                    Url = settings.Url.Trim(), DeviceId = settings.DeviceId.Trim(), User = settings.User,
                    Pem = settings.CaCertificatePem.Trim(), settings.IntervalHours, settings.CheckSync,
                    KeepPassword = settings.Password is null,
                    Protected = string.IsNullOrEmpty(settings.Password) ? null : passwords.Protect(settings.Password),
                });
        }
        return await GetAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one path that decrypts the provisioning password: for the fetch's Basic auth.</summary>
    public Task<string?> ReadPasswordAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var stored = connection.ExecuteScalar<string?>("SELECT password_protected FROM provisioning WHERE id = 1;");
        return Task.FromResult(stored is null ? null : passwords.Unprotect(stored));
    }

    public Task<ProvisioningCacheValidators?> GetValidatorsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var validators = connection.QuerySingleOrDefault<ProvisioningCacheValidators>("""
            SELECT validators_url AS Url, etag AS ETag, last_modified AS LastModified
            FROM provisioning WHERE id = 1 AND validators_url IS NOT NULL;
            """);
        return Task.FromResult(validators);
    }

    /// <summary>Stores what the file just applied came with, and a summary of what it changed.</summary>
    public Task SetAppliedAsync(ProvisioningCacheValidators validators, string changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validators);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        connection.Execute("""
            UPDATE provisioning SET validators_url = @Url, etag = @ETag, last_modified = @LastModified, last_applied = @Changed
            WHERE id = 1;
            """, new { validators.Url, validators.ETag, validators.LastModified, Changed = changed });
        return Task.CompletedTask;
    }

    public Task<ProvisioningAttempt> RecordAsync(ProvisioningAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO provisioning_attempt (time, trigger, url, http_status, etag, bytes, tries, outcome, detail)
            VALUES (@Time, @Trigger, @Url, @HttpStatus, @ETag, @Bytes, @Tries, @Outcome, @Detail) RETURNING id;
            """,
            new
            {
                Time = attempt.Time.ToString("O", CultureInfo.InvariantCulture), attempt.Trigger,
                Url = ProvisioningUrl.Redact(attempt.Url), attempt.HttpStatus, attempt.ETag, attempt.Bytes, attempt.Tries,
                Outcome = attempt.Outcome.ToString(), attempt.Detail,
            });
        return Task.FromResult(attempt with { Id = id });
    }

    /// <summary>The newest <paramref name="count"/> attempts, newest first.</summary>
    public Task<IReadOnlyList<ProvisioningAttempt>> GetAttemptsAsync(int count = 50, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        IReadOnlyList<ProvisioningAttempt> attempts = connection.Query<AttemptRow>("""
            SELECT id AS Id, time AS Time, trigger AS Trigger, url AS Url, http_status AS HttpStatus, etag AS ETag,
                   bytes AS Bytes, tries AS Tries, outcome AS Outcome, detail AS Detail
            FROM provisioning_attempt ORDER BY id DESC LIMIT @count;
            """, new { count }).Select(r => r.ToAttempt()).ToList();
        return Task.FromResult(attempts);
    }

    private sealed record SettingsRow(string Url, string DeviceId, string User, long HasPassword, string CaCertificatePem,
        long IntervalHours, long CheckSync, string LastApplied);

    private sealed record AttemptRow(long Id, string Time, string Trigger, string Url, long? HttpStatus, string? ETag,
        long Bytes, long Tries, string Outcome, string Detail)
    {
        public ProvisioningAttempt ToAttempt() => new(
            DateTimeOffset.Parse(Time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), Trigger, Url,
            HttpStatus is { } status ? (int)status : null, ETag, Bytes, (int)Tries,
            Enum.Parse<ProvisioningOutcome>(Outcome), Detail)
        { Id = Id };
    }
}
