using System.Text.RegularExpressions;

namespace Phone.Architecture.Tests;

/// <summary>
/// A plain text search of the production sources for the usual ways of blocking on a task.
/// Narrower than the IL scan on purpose: it looks only for forms that cannot be anything but
/// a wait on a task, so a type named <c>SipParseResult</c> or a <c>Result</c> property of a
/// non-task type never matches. The IL scan is the complete check; this one names file:line.
/// </summary>
internal static partial class BlockingCallGrep
{
    /// <summary>How many lines after <c>ContinueWith(t =&gt;</c> a use of <c>t.Result</c> is looked for.</summary>
    private const int ContinuationLines = 30;

    private static readonly (Regex Pattern, string What)[] LinePatterns =
    [
        (GetAwaiterGetResult(), ".GetAwaiter().GetResult()"),
        (WaitOnCallResult(), ").Wait("),
        (WaitWithTimeout(), ".Wait(TimeSpan"),
        (WaitAllOrAny(), "Task.WaitAll/WaitAny"),
        (ResultOfAsyncCall(), "...Async(...).Result"),
    ];

    /// <summary>"path:line: text (pattern)" for every match, paths relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Scan(string root, IEnumerable<string> projects)
    {
        var offenders = new List<string>();
        foreach (var project in projects)
        {
            var folder = Path.Combine(root, project);
            var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".razor", StringComparison.OrdinalIgnoreCase))
                .Where(f => !IsBuildOutput(Path.GetRelativePath(folder, f)))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                offenders.AddRange(ScanFile(Path.GetRelativePath(root, file).Replace('\\', '/'), File.ReadAllLines(file)));
            }
        }
        return offenders;
    }

    /// <summary>One file's matches; public for the tests of the patterns themselves.</summary>
    public static IEnumerable<string> ScanFile(string name, string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var code = CodeOf(lines[i]);
            var matched = LinePatterns.Where(p => p.Pattern.IsMatch(code)).Select(p => p.What).ToList();
            if (matched.Count > 0)
            {
                yield return $"{name}:{i + 1}: {lines[i].Trim()}   [{string.Join("; ", matched)}]";
            }
            // The task given to a continuation is complete, but .Result on it still hides a
            // blocking call from review and rethrows as AggregateException: await instead.
            if (ContinuationParameter().Match(code) is { Success: true } continuation)
            {
                var result = new Regex($@"\b{Regex.Escape(continuation.Groups["task"].Value)}\.Result\b");
                for (var j = i; j < Math.Min(lines.Length, i + ContinuationLines); j++)
                {
                    if (result.IsMatch(CodeOf(lines[j])))
                    {
                        yield return $"{name}:{j + 1}: {lines[j].Trim()}   [.Result of the task given to ContinueWith]";
                    }
                }
            }
        }
    }

    private static bool IsBuildOutput(string relative)
    {
        var first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    /// <summary>The line without a trailing // comment (a line that is all comment gives "").</summary>
    private static string CodeOf(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("*", StringComparison.Ordinal)
            || trimmed.StartsWith("@*", StringComparison.Ordinal))
        {
            return "";
        }
        var comment = line.IndexOf(" //", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    [GeneratedRegex(@"\.GetAwaiter\(\)\s*\.GetResult\(\)")]
    private static partial Regex GetAwaiterGetResult();

    [GeneratedRegex(@"\)\s*\.Wait\(")]
    private static partial Regex WaitOnCallResult();

    [GeneratedRegex(@"\.Wait\(\s*TimeSpan\b")]
    private static partial Regex WaitWithTimeout();

    [GeneratedRegex(@"\bTask\.Wait(All|Any)\(")]
    private static partial Regex WaitAllOrAny();

    [GeneratedRegex(@"(Async\([^;]*\)|\.AsTask\(\))\s*\.Result\b")]
    private static partial Regex ResultOfAsyncCall();

    [GeneratedRegex(@"\.ContinueWith\(\s*\(?\s*(?<task>[A-Za-z_][A-Za-z0-9_]*)\s*(,[^)]*\))?\)?\s*=>")]
    private static partial Regex ContinuationParameter();
}
