namespace Phone.Web.Demo;

/// <summary>
/// The demo's own data folder: fresh for every run under the system's temp folder, so the
/// demo never reads or writes the real <c>FeatureSync:DataDirectory</c>.
/// </summary>
public sealed class DemoDataDirectory
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "featuresync-demo", Guid.NewGuid().ToString("N"));

    /// <summary>Best effort: a file still held at shutdown is left for the temp cleaner.</summary>
    public void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _ = ex;
        }
    }
}
