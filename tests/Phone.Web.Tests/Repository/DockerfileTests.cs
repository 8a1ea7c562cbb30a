using System.Text.RegularExpressions;
using Phone.TestSupport;

namespace Phone.Web.Tests.Repository;

/// <summary>
/// No container engine runs here, so the Dockerfile is kept correct by reading it:
/// everything it copies must exist, and it must start the assembly Phone.Web builds.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = ReadInstructions();

    [Fact]
    public void Every_copy_source_exists_in_the_repository()
    {
        var copies = Lines.Where(l => l.StartsWith("COPY ", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(copies);
        var checkedSources = 0;
        foreach (var copy in copies)
        {
            var words = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            if (words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal)))
            {
                continue; // copies from an earlier stage, not from the build context
            }
            words.RemoveAll(w => w.StartsWith("--", StringComparison.Ordinal));
            foreach (var source in words.Take(words.Count - 1))
            {
                var path = Path.Combine(RepositoryRoot.Path, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"Dockerfile copies '{source}', which is not in the repository");
                checkedSources++;
            }
        }
        Assert.True(checkedSources >= 5, "expected the build stage to copy the projects and wwwroot-assets");
    }

    [Fact]
    public void Entry_point_runs_the_assembly_that_Phone_Web_builds()
    {
        var entry = Assert.Single(Lines, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        var assemblyName = typeof(Program).Assembly.GetName().Name;
        Assert.Equal("Phone.Web", assemblyName);
        Assert.Contains($"\"{assemblyName}.dll\"", entry);
        var publish = Assert.Single(Lines, l => l.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("Phone.Web/Phone.Web.csproj", publish);
        Assert.Contains("-o /app", publish);
    }

    /// <summary>
    /// The image is published for its platform, which is what turns on ReadyToRun for Phone.Web
    /// (its project sets PublishReadyToRun for a publish with a runtime identifier): the start
    /// with 1,000 lines measured 0.4 s faster with it (docs/performance.md, target 5).
    /// </summary>
    [Fact]
    public void Publishes_for_the_image_platform_so_the_assemblies_are_compiled_ahead_of_time()
    {
        Assert.Contains("ARG TARGETARCH", Lines);
        var restore = Assert.Single(Lines, l => l.Contains("dotnet restore", StringComparison.Ordinal));
        var publish = Assert.Single(Lines, l => l.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("-a ${TARGETARCH", restore);
        Assert.Contains("-a ${TARGETARCH", publish);
        Assert.Contains("--self-contained false", publish); // the runtime image brings the framework
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot.Path, "Phone.Web", "Phone.Web.csproj"));
        var readyToRun = Assert.Single(project.Descendants("PublishReadyToRun"));
        Assert.Equal("true", readyToRun.Value);
        Assert.Equal("'$(RuntimeIdentifier)' != ''", readyToRun.Attribute("Condition")?.Value);
    }

    [Fact]
    public void Runs_as_non_root_with_data_volume_ports_and_health_check()
    {
        Assert.Equal(2, Lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(Lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        var user = Assert.Single(Lines, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user);
        Assert.Contains("VOLUME /data", Lines);
        Assert.Contains(Lines, l => l.Contains("FeatureSync__DataDirectory=/data", StringComparison.Ordinal));
        var expose = Assert.Single(Lines, l => l.StartsWith("EXPOSE ", StringComparison.Ordinal));
        Assert.Contains("5060/udp", expose);
        Assert.Contains("5060/tcp", expose);
        var web = WebPorts().Match(string.Join('\n', Lines));
        Assert.True(web.Success, "ASPNETCORE_URLS must name the web port and the HTTPS port");
        var ports = expose.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(web.Groups[1].Value, ports);
        Assert.Contains(web.Groups[2].Value, ports);
        Assert.NotEqual(web.Groups[1].Value, web.Groups[2].Value);
        var health = Assert.Single(Lines, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains("/healthz", health);
        Assert.Contains($"/dev/tcp/127.0.0.1/{web.Groups[1].Value}", health);
    }

    /// <summary>The Dockerfile's instructions, comments dropped and continuation lines joined.</summary>
    private static string[] ReadInstructions()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));
        var joined = Regex.Replace(text, @"\\\r?\n\s*", " ");
        return joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();
    }

    // Plain HTTP (the health check asks it) and HTTPS beside it.
    [GeneratedRegex(@"ASPNETCORE_URLS=""?http://\+:(\d+);https://\+:(\d+)""?\s")]
    private static partial Regex WebPorts();
}
