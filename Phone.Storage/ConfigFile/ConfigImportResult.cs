namespace Phone.Storage.ConfigFile;

/// <summary>
/// The outcome of a config-file import. When <see cref="Applied"/> is false nothing was
/// changed and <see cref="Errors"/> lists every problem; otherwise the SIP core should
/// reload <see cref="LinesChanged"/> (which includes lines whose PBX profile changed).
/// </summary>
public sealed record ConfigImportResult(
    bool Applied,
    IReadOnlyList<ConfigFileMessage> Errors,
    IReadOnlyList<ConfigFileMessage> Warnings,
    IReadOnlyList<int> LinesChanged,
    IReadOnlyList<int> ProfilesChanged);
