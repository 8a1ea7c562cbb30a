namespace Phone.TestSupport;

/// <summary>
/// A program from the machine that a test drives (sipp, kamailio, nginx, Chromium, iproute2).
/// When it is missing the test reports Skipped with the reason (xunit.v3 runtime skip) instead
/// of failing on a start-up error or passing without checking anything. test.sh installs every
/// one of them, and under CI=true it fails the run on any skip that is not an opt-in measurement,
/// so a missing install step cannot hide behind a skip.
/// </summary>
public static class RequiredTool
{
    /// <summary>Skips the running test unless <paramref name="path"/> exists.</summary>
    public static void SkipUnlessInstalled(string path, string debianPackage) =>
        Assert.SkipUnless(File.Exists(path), Reason(path, debianPackage));

    /// <summary>Skips the running test unless <paramref name="command"/> is found on PATH.</summary>
    public static void SkipUnlessOnPath(string command, string debianPackage) =>
        Assert.SkipUnless(FindOnPath(command) is not null, Reason(command, debianPackage));

    /// <summary>The skip reason for a missing tool; <see cref="Missing"/> in front, so test.sh can tell it from an opt-in measurement.</summary>
    public static string Reason(string tool, string debianPackage) =>
        $"{Missing}{tool} is not installed (Debian package '{debianPackage}'; ./test.sh installs it)";

    /// <summary>Every skip for a missing part of the machine starts with this.</summary>
    public const string Missing = "missing on this machine: ";

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
}
