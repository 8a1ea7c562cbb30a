using FluentValidation;
using FluentValidation.Results;
using Phone.SipCore.Configuration;
using Phone.Storage.ConfigFile;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.Storage.Recovery;

namespace Phone.Web.Application;

/// <summary>
/// Every write of settings, from the API, the pages and the demo alike: checks it, stores it
/// and re-applies the SIP lines it affects. A refused write changes nothing and says why, by
/// field (lines, profiles) or by line of the file (config import). After each stored change it
/// asks for a last good copy of the database (<see cref="GoodCopies"/>; taken in the background,
/// bursts coalesced), so a damaged database can be replaced by one holding that change.
/// </summary>
/// <remarks>
/// The repositories validate inside their write transaction with the shared rules
/// (<see cref="LineSettingsValidator"/>, <see cref="PbxProfileValidator"/> plus the checks
/// that need the database), so what was checked is what gets written; this class turns
/// their refusals into results instead of exceptions.
/// </remarks>
public sealed class SettingsService(
    LineRepository lines,
    PbxProfileRepository profiles,
    ConfigFileImporter importer,
    LineSettingsApplier applier,
    GoodCopies goodCopies)
{
    /// <summary>The field an unknown preset name is reported on (no settings record has it).</summary>
    public const string PresetField = "Preset";

    /// <summary>
    /// Stores one line (<see cref="LineSettings.Password"/>: null keeps the stored one, empty
    /// clears it) and re-applies it.
    /// </summary>
    public async Task<SaveResult<LineView>> SaveLineAsync(LineSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await lines.GetAsync(settings.Number, cancellationToken) is null)
        {
            return SaveResult<LineView>.NotFound;
        }
        LineView saved;
        try
        {
            saved = await lines.SaveAsync(settings, cancellationToken);
        }
        catch (ValidationException ex)
        {
            return SaveResult<LineView>.Invalid(ex.Errors);
        }
        goodCopies.RequestCopy();
        await applier.LinesChangedAsync([saved.Number], cancellationToken);
        return SaveResult<LineView>.Saved(saved);
    }

    /// <summary>Stores a new profile as given (its id is ignored). No line uses it yet.</summary>
    public Task<SaveResult<SavedProfile>> CreateProfileAsync(PbxProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return WriteProfileAsync(() => profiles.CreateAsync(profile, cancellationToken), [], cancellationToken);
    }

    /// <summary>
    /// Copies a built-in preset into a new profile named <paramref name="name"/>, or without
    /// one the preset's name, numbered when already taken.
    /// </summary>
    public Task<SaveResult<SavedProfile>> CreateProfileFromPresetAsync(string presetName, string? name,
        CancellationToken cancellationToken) =>
        FindPreset(presetName) is { } preset
            ? WriteProfileAsync(() => profiles.CreateFromPresetAsync(preset.Name, name, cancellationToken), [], cancellationToken)
            : Task.FromResult(UnknownPreset(presetName));

    /// <summary>Copies a built-in preset, changed by <paramref name="edit"/>, into a new profile.</summary>
    public Task<SaveResult<SavedProfile>> CreateProfileFromEditedPresetAsync(string presetName, Func<PbxProfile, PbxProfile> edit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return FindPreset(presetName) is { } preset
            ? CreateProfileAsync(edit(preset), cancellationToken)
            : Task.FromResult(UnknownPreset(presetName));
    }

    /// <summary>Replaces the stored profile with the same id and re-applies every line that uses it.</summary>
    public async Task<SaveResult<SavedProfile>> UpdateProfileAsync(PbxProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Id < 1)
        {
            return SaveResult<SavedProfile>.NotFound;
        }
        // Which lines use a profile is the lines' setting, not the profile's: the update leaves it as it is.
        var usedBy = await LinesUsingAsync(profile.Id, cancellationToken);
        return await WriteProfileAsync(() => profiles.UpdateAsync(profile, cancellationToken), usedBy, cancellationToken);
    }

    /// <summary>Deletes a profile no line uses; one in use is refused and stays.</summary>
    public async Task<ProfileDeleteResult> DeleteProfileAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            if (!await profiles.DeleteAsync(id, cancellationToken))
            {
                return ProfileDeleteResult.NotFound;
            }
        }
        catch (ProfileInUseException ex)
        {
            return new ProfileDeleteResult(ProfileDeleteOutcome.InUse, ex.Lines, ex.Message);
        }
        goodCopies.RequestCopy();
        return ProfileDeleteResult.Deleted;
    }

    /// <summary>
    /// Imports a configuration file all or nothing; when it was applied, re-applies the lines
    /// it changed (including those whose profile it changed). Errors come by line of the file.
    /// </summary>
    public async Task<ConfigImportResult> ImportConfigAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = await importer.ImportAsync(text, cancellationToken);
        if (result.Applied)
        {
            goodCopies.RequestCopy();
            await applier.LinesChangedAsync(result.LinesChanged, cancellationToken);
        }
        return result;
    }

    /// <summary>
    /// Writes a profile, then re-applies <paramref name="usedBy"/>. A broken rule, or a profile
    /// deleted meanwhile, is returned rather than thrown.
    /// </summary>
    private async Task<SaveResult<SavedProfile>> WriteProfileAsync(Func<Task<PbxProfile>> write, IReadOnlyList<int> usedBy,
        CancellationToken cancellationToken)
    {
        PbxProfile saved;
        try
        {
            saved = await write();
        }
        catch (ValidationException ex)
        {
            return SaveResult<SavedProfile>.Invalid(ex.Errors);
        }
        catch (KeyNotFoundException)
        {
            return SaveResult<SavedProfile>.NotFound;
        }
        goodCopies.RequestCopy();
        await applier.LinesChangedAsync(usedBy, cancellationToken);
        return SaveResult<SavedProfile>.Saved(new SavedProfile(saved, usedBy));
    }

    private async Task<IReadOnlyList<int>> LinesUsingAsync(int profileId, CancellationToken cancellationToken) =>
        (await lines.GetAllAsync(cancellationToken)).Where(l => l.PbxProfileId == profileId).Select(l => l.Number).ToList();

    private static PbxProfile? FindPreset(string presetName) =>
        string.IsNullOrWhiteSpace(presetName) ? null : PbxPresets.Find(presetName);

    private static SaveResult<SavedProfile> UnknownPreset(string presetName) =>
        SaveResult<SavedProfile>.Invalid([new ValidationFailure(PresetField,
            $"No preset named '{presetName}'. Presets: {string.Join(", ", PbxPresets.All.Select(p => p.Name))}.")]);
}
