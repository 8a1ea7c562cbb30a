using FluentValidation;
using FluentValidation.Results;
using Microsoft.Data.Sqlite;
using Phone.SipCore.Configuration;

namespace Phone.Storage.Profiles;

/// <summary>
/// PBX profiles: create (blank or copied from a preset), read, update, and delete unless
/// a line uses the profile. Every write is validated first and changes nothing when invalid.
/// </summary>
public sealed class PbxProfileRepository(PhoneDatabase database, PbxProfileValidator validator)
{
    public Task<IReadOnlyList<PbxProfile>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult<IReadOnlyList<PbxProfile>>(PbxProfileSql.ReadAll(connection, null));
    }

    public Task<PbxProfile?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(PbxProfileSql.Read(connection, null, id));
    }

    /// <summary>Stores a new profile (its <see cref="PbxProfile.Id"/> is ignored) and returns it with its id.</summary>
    public Task<PbxProfile> CreateAsync(PbxProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return WriteAsync(profile with { Id = 0 }, cancellationToken);
    }

    /// <summary>
    /// Copies a built-in preset (see <see cref="PbxPresets"/>) into a new, editable profile.
    /// Without a name the preset's name is used, numbered when already taken.
    /// </summary>
    public async Task<PbxProfile> CreateFromPresetAsync(string presetName, string? name = null,
        CancellationToken cancellationToken = default)
    {
        var preset = PbxPresets.Find(presetName) ?? throw new ArgumentException(
            $"No preset named '{presetName}'. Presets: {string.Join(", ", PbxPresets.All.Select(p => p.Name))}.",
            nameof(presetName));
        var chosen = name;
        if (string.IsNullOrWhiteSpace(chosen))
        {
            using var connection = database.Open();
            chosen = preset.Name;
            for (var n = 2; PbxProfileSql.NameTaken(connection, null, chosen, 0); n++)
            {
                chosen = $"{preset.Name} ({n})";
            }
        }
        return await CreateAsync(preset with { Name = chosen }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the stored profile with the same id.</summary>
    /// <exception cref="KeyNotFoundException">No profile has that id.</exception>
    public Task<PbxProfile> UpdateAsync(PbxProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfLessThan(profile.Id, 1);
        return WriteAsync(profile, cancellationToken);
    }

    /// <summary>Deletes the profile; false when it did not exist.</summary>
    /// <exception cref="ProfileInUseException">A line uses the profile.</exception>
    public Task<bool> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var existing = PbxProfileSql.Read(connection, transaction, id);
        if (existing is null)
        {
            return Task.FromResult(false);
        }
        var lines = PbxProfileSql.LinesUsing(connection, transaction, id);
        if (lines.Count > 0)
        {
            throw new ProfileInUseException(id, existing.Name, lines);
        }
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM pbx_profile WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.FromResult(true);
    }

    private Task<PbxProfile> WriteAsync(PbxProfile profile, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        // BEGIN IMMEDIATE (the default here): the checks and the write see one state.
        using var transaction = connection.BeginTransaction();
        if (profile.Id != 0 && PbxProfileSql.Read(connection, transaction, profile.Id) is null)
        {
            throw new KeyNotFoundException($"No PBX profile with id {profile.Id}.");
        }
        var failures = Check(connection, transaction, validator, profile);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        var id = PbxProfileSql.Write(connection, transaction, profile);
        transaction.Commit();
        return Task.FromResult(profile with { Id = id, Name = profile.Name.Trim(), TrustedHosts = profile.TrustedHosts.Trim() });
    }

    /// <summary>
    /// The validator's rules plus the ones that need the database: a unique name, and no
    /// line with feature sync on may be left with a profile that cannot sync.
    /// </summary>
    internal static List<ValidationFailure> Check(SqliteConnection connection, SqliteTransaction transaction,
        PbxProfileValidator validator, PbxProfile profile)
    {
        var failures = validator.Validate(profile).Errors;
        if (!string.IsNullOrWhiteSpace(profile.Name) && PbxProfileSql.NameTaken(connection, transaction, profile.Name, profile.Id))
        {
            failures.Add(new ValidationFailure(nameof(PbxProfile.Name), $"Name '{profile.Name.Trim()}' is already used by another PBX profile."));
        }
        if (profile.Id != 0 && !profile.CanSync)
        {
            var syncing = PbxProfileSql.LinesUsing(connection, transaction, profile.Id, featureSyncOnly: true);
            if (syncing.Count > 0)
            {
                failures.Add(new ValidationFailure(nameof(PbxProfile.Method),
                    $"Method: lines {string.Join(", ", syncing)} have feature sync on and need this profile to sync " +
                    "(as-feature-event, or at least one feature code)."));
            }
        }
        return failures;
    }
}
