using BenchmarkDotNet.Running;
using Phone.Benchmarks;

if (args is ["--best-batch"])
{
    BestBatch.Run();
    return;
}
if (args is ["--writer-batches", var batches, var synchronous, .. var pragmas])
{
    // For a profiler (perf record --delay past the set-up) and for trying a setting (e.g.
    // "PRAGMA cache_size=-8192;"): the storage writer's batches alone, no harness.
    BatchWriteBenchmarks.Loop(int.Parse(batches, System.Globalization.CultureInfo.InvariantCulture), synchronous, pragmas);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
