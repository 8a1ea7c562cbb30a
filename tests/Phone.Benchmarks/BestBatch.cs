using System.Diagnostics;
using System.Globalization;

namespace Phone.Benchmarks;

/// <summary>
/// The busy-machine companion of BenchmarkDotNet's figure, measured the way
/// tools/perf/parser-compare/bench.c measures sofia-sip: many short batches of
/// <see cref="ParserBenchmarks.ParseNotifyReadCompare"/>, reporting the fastest batch's ns per
/// call. A batch (200 calls, about 0.1 ms) mostly fits in one scheduler time slice, so other
/// processes' work rarely lands inside the best one. Run with <c>--best-batch</c>.
/// </summary>
internal static class BestBatch
{
    private const int Batch = 200;
    private const int Batches = 20_000;

    public static void Run()
    {
        var bench = new ParserBenchmarks();
        bench.Setup();
        long sink = 0;
        for (var i = 0; i < 100_000; i++)
        {
            sink += bench.ParseNotifyReadCompare(); // warm up past tiered compilation
        }
        var best = double.MaxValue;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var b = 0; b < Batches; b++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < Batch; i++)
            {
                sink += bench.ParseNotifyReadCompare();
            }
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / Batch);
        }
        var bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)(Batch * Batches);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ours_best_batch_ns={best:F1}\nours_allocated_bytes_per_call={bytesPerCall:F2}\nours_checksum={sink}"));
    }
}
