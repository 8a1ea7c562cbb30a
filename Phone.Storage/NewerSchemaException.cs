namespace Phone.Storage;

/// <summary>The database was written by a newer FeatureSync; it is refused, never altered.</summary>
public sealed class NewerSchemaException(int fileVersion, int knownVersion)
    : Exception($"The database has schema version {fileVersion}, but this FeatureSync knows versions up to {knownVersion}. " +
                "It was written by a newer release: upgrade FeatureSync or point FeatureSync:DataDirectory elsewhere. The file was not changed.")
{
    public int FileVersion { get; } = fileVersion;

    public int KnownVersion { get; } = knownVersion;
}
