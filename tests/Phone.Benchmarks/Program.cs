using BenchmarkDotNet.Running;
using Phone.Benchmarks;

if (args is ["--best-batch"])
{
    BestBatch.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
