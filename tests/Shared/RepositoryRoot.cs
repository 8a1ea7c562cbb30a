namespace Phone.TestSupport;

/// <summary>Finds the repository's top folder (the one holding FeatureSync.sln) from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FeatureSync.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No FeatureSync.sln above {AppContext.BaseDirectory}");
    }
}
