using System.Globalization;
using Phone.SipCore.Configuration;

namespace Phone.Storage.ConfigFile;

/// <summary>Splits the file into sections and <c>SIP&lt;n&gt;</c> / <c>PBX&lt;n&gt;</c> settings.</summary>
internal static class ConfigFileParser
{
    public sealed record Setting<T>(int LineNumber, ConfigKey<T> Key, string Value);

    public sealed record Result(
        SortedDictionary<int, List<Setting<LineSettings>>> Lines,
        SortedDictionary<int, List<Setting<PbxProfile>>> Profiles);

    public static Result Parse(string text, List<ConfigFileMessage> errors, List<ConfigFileMessage> warnings)
    {
        var result = new Result([], []);
        var rows = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < rows.Length; i++)
        {
            var number = i + 1;
            var row = rows[i].Trim();
            if (row.Length == 0 || row.StartsWith('#') || row.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            var colon = row.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? row : row[..colon].Trim();
            var value = colon < 0 ? "" : row[(colon + 1)..].Trim();

            var section = ConfigFileSyntax.Section(key);
            if (section.Success)
            {
                var name = section.Groups["name"].Value;
                if (!ConfigFileSyntax.LineSectionAliases.Concat(ConfigFileSyntax.ProfileSectionAliases)
                        .Any(a => ConfigFileSyntax.SameKey(a, name)))
                {
                    warnings.Add(new(number, $"Unknown section '--{name}--'; its settings are read by their SIP/PBX prefix."));
                }
                continue;
            }
            if (colon < 0)
            {
                errors.Add(new(number, $"Expected 'KEY :value' or a '--Section--' line, found '{Shorten(row)}'."));
                continue;
            }
            var setting = ConfigFileSyntax.Setting(key);
            if (!setting.Success
                || !int.TryParse(setting.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                warnings.Add(new(number, $"Unknown key '{Shorten(key)}' skipped."));
                continue;
            }
            var prefix = setting.Groups["prefix"].Value;
            var keyName = setting.Groups["key"].Value;
            if (string.Equals(prefix, ConfigFileSyntax.LinePrefix, StringComparison.OrdinalIgnoreCase))
            {
                Add(result.Lines, ConfigFileKeys.Line, number, index, keyName, value, key, warnings);
            }
            else if (string.Equals(prefix, ConfigFileSyntax.ProfilePrefix, StringComparison.OrdinalIgnoreCase))
            {
                Add(result.Profiles, ConfigFileKeys.Profile, number, index, keyName, value, key, warnings);
            }
            else
            {
                warnings.Add(new(number, $"Unknown key '{Shorten(key)}' skipped."));
            }
        }
        return result;
    }

    private static void Add<T>(SortedDictionary<int, List<Setting<T>>> target, IReadOnlyList<ConfigKey<T>> keys,
        int number, int index, string keyName, string value, string fullKey, List<ConfigFileMessage> warnings)
    {
        var key = keys.FirstOrDefault(k => k.Matches(keyName));
        if (key is null)
        {
            warnings.Add(new(number, $"Unknown key '{Shorten(fullKey)}' skipped."));
            return;
        }
        if (!target.TryGetValue(index, out var settings))
        {
            target[index] = settings = [];
        }
        if (settings.Any(s => s.Key == key))
        {
            warnings.Add(new(number, $"'{Shorten(fullKey)}' appears more than once; the last value wins."));
        }
        settings.Add(new Setting<T>(number, key, value));
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
