using FluentValidation.Results;
using Phone.SipCore.Configuration;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

namespace Phone.Storage.ConfigFile;

/// <summary>
/// Reads the provisioning file and applies it all or nothing: every bad value is reported
/// with its line number and then nothing changes; a good file is written in one
/// transaction. Keys absent from the file keep their stored values.
/// </summary>
public sealed class ConfigFileImporter(PhoneDatabase database, StorageOptions options,
    SipPasswordProtector passwords, PbxProfileValidator profileValidator)
{
    public async Task<ConfigImportResult> ImportAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return await ImportAsync(text, cancellationToken).ConfigureAwait(false);
    }

    public Task<ConfigImportResult> ImportAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var errors = new List<ConfigFileMessage>();
        var warnings = new List<ConfigFileMessage>();
        var parsed = ConfigFileParser.Parse(text, errors, warnings);

        using var connection = database.Open();
        // One IMMEDIATE transaction: what is checked is what gets written, and a failure
        // anywhere rolls every change back when the transaction is disposed uncommitted.
        using var transaction = connection.BeginTransaction();
        LineSql.EnsureLines(connection, transaction, options.MaxLines);
        var storedProfiles = PbxProfileSql.ReadAll(connection, transaction).ToDictionary(p => p.Id);
        var storedLines = LineSql.ReadAll(connection, transaction, options.MaxLines)
            .ToDictionary(r => (int)r.Number, r => r.ToView().ToSettings());

        var finalProfiles = new Dictionary<int, PbxProfile>(storedProfiles);
        var profiles = new List<Edited<PbxProfile>>();
        foreach (var (index, edits) in parsed.Profiles)
        {
            if (index < 1)
            {
                errors.Add(new(edits[0].LineNumber, $"PBX{index}: profile numbers start at 1."));
                continue;
            }
            var start = storedProfiles.GetValueOrDefault(index) ?? new PbxProfile { Id = index, Name = "" };
            var edited = Apply(ConfigFileSyntax.ProfilePrefix, index, start, edits, errors);
            finalProfiles[index] = edited.Value;
            profiles.Add(edited);
        }

        var lines = new List<Edited<LineSettings>>();
        foreach (var (index, edits) in parsed.Lines)
        {
            if (!storedLines.TryGetValue(index, out var start))
            {
                errors.Add(new(edits[0].LineNumber, $"SIP{index}: lines are numbered 1 to {options.MaxLines}."));
                continue;
            }
            lines.Add(Apply(ConfigFileSyntax.LinePrefix, index, start, edits, errors));
        }

        Validate(profiles, lines, finalProfiles, storedLines, errors);
        if (errors.Count > 0)
        {
            return Task.FromResult(new ConfigImportResult(false, Sorted(errors), Sorted(warnings), [], []));
        }

        var changedProfiles = new SortedSet<int>();
        foreach (var profile in profiles.Where(p => !Equals(storedProfiles.GetValueOrDefault(p.Index), p.Value)))
        {
            PbxProfileSql.Write(connection, transaction, profile.Value);
            changedProfiles.Add(profile.Index);
        }
        var changedLines = new SortedSet<int>();
        foreach (var line in lines.Where(l => !Equals(storedLines[l.Index], l.Value)))
        {
            LineRepository.Write(connection, transaction, line.Value, passwords);
            changedLines.Add(line.Index);
        }
        foreach (var id in changedProfiles)
        {
            // A line whose profile changed must be re-read by the SIP core too.
            changedLines.UnionWith(PbxProfileSql.LinesUsing(connection, transaction, id).Where(n => n <= options.MaxLines));
        }
        transaction.Commit();
        return Task.FromResult(new ConfigImportResult(true, [], Sorted(warnings), [.. changedLines], [.. changedProfiles]));
    }

    private void Validate(List<Edited<PbxProfile>> profiles, List<Edited<LineSettings>> lines,
        Dictionary<int, PbxProfile> finalProfiles, Dictionary<int, LineSettings> storedLines, List<ConfigFileMessage> errors)
    {
        foreach (var profile in profiles)
        {
            var failures = profileValidator.Validate(profile.Value).Errors;
            var name = profile.Value.Name.Trim();
            if (name.Length > 0 && finalProfiles.Values.Any(p => p.Id != profile.Index
                    && string.Equals(p.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add(new ValidationFailure(nameof(PbxProfile.Name), $"Name '{name}' is already used by another PBX profile."));
            }
            Report(ConfigFileSyntax.ProfilePrefix, profile, failures, errors);
        }

        var lineValidator = new LineSettingsValidator(options.MaxLines, id => finalProfiles.GetValueOrDefault(id));
        foreach (var line in lines)
        {
            Report(ConfigFileSyntax.LinePrefix, line, lineValidator.Validate(line.Value).Errors, errors);
        }

        // Lines the file does not mention still need their profile to keep syncing.
        var edited = lines.Select(l => l.Index).ToHashSet();
        foreach (var (number, line) in storedLines.Where(l => !edited.Contains(l.Key) && l.Value.FeatureSync))
        {
            var profile = profiles.FirstOrDefault(p => p.Index == line.PbxProfileId);
            if (profile is not null && !profile.Value.CanSync)
            {
                errors.Add(new(profile.LineOf(nameof(PbxProfile.Method)),
                    $"PBX{profile.Index}: line {number} has feature sync on and needs this profile to sync " +
                    "(as-feature-event, or at least one feature code)."));
            }
        }
    }

    private static void Report<T>(string prefix, Edited<T> entity, IEnumerable<ValidationFailure> failures,
        List<ConfigFileMessage> errors)
    {
        foreach (var failure in failures)
        {
            errors.Add(new(entity.LineOf(failure.PropertyName), $"{prefix}{entity.Index}: {failure.ErrorMessage}"));
        }
    }

    private static Edited<T> Apply<T>(string prefix, int index, T start, List<ConfigFileParser.Setting<T>> edits,
        List<ConfigFileMessage> errors)
    {
        var value = start;
        var propertyLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            propertyLines[edit.Key.Property] = edit.LineNumber;
            try
            {
                value = edit.Key.Apply(value, edit.Value);
            }
            catch (FormatException ex)
            {
                errors.Add(new(edit.LineNumber, $"{prefix}{index} {edit.Key.Name}: {ex.Message}"));
            }
        }
        return new Edited<T>(index, value, edits[0].LineNumber, propertyLines);
    }

    private static List<ConfigFileMessage> Sorted(List<ConfigFileMessage> messages) =>
        [.. messages.OrderBy(m => m.LineNumber)];

    /// <summary>An entity after the file's settings were applied, with the line that set each property.</summary>
    private sealed record Edited<T>(int Index, T Value, int FirstLine, Dictionary<string, int> PropertyLines)
    {
        public int LineOf(string property) => PropertyLines.GetValueOrDefault(property, FirstLine);
    }
}
