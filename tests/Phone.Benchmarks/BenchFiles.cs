namespace Phone.Benchmarks;

/// <summary>Finds the shared bench inputs (shared/bench), which live beside the repository, not in it.</summary>
internal static class BenchFiles
{
    /// <summary>The as-feature-event NOTIFY the phone receives most (a DND event).</summary>
    public const string Notify = "notify-as-feature-event.sip";

    // FEATURESYNC_BENCH_FILE wins; else walk up from the binaries to a folder holding shared/bench.
    public static string Locate(string name)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FEATURESYNC_BENCH_FILE");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "bench", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(
            $"No shared/bench/{name} above {AppContext.BaseDirectory}; set FEATURESYNC_BENCH_FILE.");
    }
}
