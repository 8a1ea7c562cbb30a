using System.Text.Json;

namespace Phone.Web.Tests.Hosting;

public sealed class GarbageCollectorSettingTests
{
    /// <summary>
    /// The workstation GC is a measured choice (docs/performance.md, 1,000-line scale): the
    /// build must carry it into Phone.Web's runtime configuration.
    /// </summary>
    [Fact]
    public void Phone_web_runs_with_the_workstation_garbage_collector()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Phone.Web.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        var options = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(options.GetProperty("System.GC.Server").GetBoolean());
    }

    /// <summary>
    /// No dynamic PGO and no thread-pool spinning: both measured choices for the CPU a NOTIFY
    /// costs (docs/performance.md, target 2), so the build must carry them too.
    /// </summary>
    [Fact]
    public void Phone_web_runs_without_dynamic_pgo_and_without_thread_pool_spinning()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Phone.Web.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        var options = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(options.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal("0", options.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").ToString());
    }
}
