namespace Phone.Architecture.Tests;

/// <summary>
/// Production code never blocks a thread on a task (sync over async): a blocked transport or
/// line-queue thread stalls every line, and under load it deadlocks the thread pool. Awaiting
/// is the only way to take a task's result.
/// </summary>
public sealed class BlockingCallTests
{
    [Fact]
    public void Production_IL_never_blocks_on_a_task()
    {
        var offenders = ProductionAssemblies.All
            .SelectMany(a => BlockingCallScanner.Scan(ProductionAssemblies.PathOf(a)))
            .ToList();

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} blocking call(s) on a task in production code (await instead):\n  " + string.Join("\n  ", offenders));
    }

    [Fact]
    public void Production_source_never_blocks_on_a_task()
    {
        var offenders = BlockingCallGrep.Scan(Phone.TestSupport.RepositoryRoot.Path, ["Phone.SipCore", "Phone.Storage", "Phone.Web"]);

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} blocking wait(s) on a task in production source (await instead):\n  " + string.Join("\n  ", offenders));
    }
}
