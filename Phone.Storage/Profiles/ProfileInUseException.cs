namespace Phone.Storage.Profiles;

/// <summary>A PBX profile cannot be deleted while lines still use it.</summary>
public sealed class ProfileInUseException(int profileId, string profileName, IReadOnlyList<int> lines)
    : InvalidOperationException(
        $"PBX profile '{profileName}' is used by line{(lines.Count == 1 ? "" : "s")} {string.Join(", ", lines)}. " +
        "Point those lines at another profile first; nothing was deleted.")
{
    public int ProfileId { get; } = profileId;

    public IReadOnlyList<int> Lines { get; } = lines;
}
