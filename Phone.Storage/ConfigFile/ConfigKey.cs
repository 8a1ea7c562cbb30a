namespace Phone.Storage.ConfigFile;

/// <summary>
/// One setting of the config file: its English name, the aliases accepted on import (the
/// phone's Chinese screen names), the record property it sets (to place validation errors
/// on the right line), and how to write and read it.
/// </summary>
/// <param name="Export">The value to write, or null to leave the key out (passwords).</param>
/// <param name="Apply">Returns the value with the setting applied; throws <see cref="FormatException"/> on a bad value.</param>
internal sealed record ConfigKey<T>(
    string Name,
    IReadOnlyList<string> Aliases,
    string Property,
    Func<T, string?> Export,
    Func<T, string, T> Apply)
{
    public bool Matches(string key) =>
        ConfigFileSyntax.SameKey(key, Name) || Aliases.Any(a => ConfigFileSyntax.SameKey(key, a));
}
