namespace Phone.Web.Memory;

/// <summary>
/// Gives the start-up's garbage back to the system once: a while after the lines have started,
/// one aggressive, compacting collection. Starting 1,000 lines (their REGISTERs, SUBSCRIBEs,
/// full-state NOTIFYs and trace rows) leaves the GC with tens of MiB of committed regions that a
/// live heap of about 17 MB never fills again, and an ordinary full collection keeps them
/// (docs/performance.md, target 5: idle RSS 159 -> 139 MiB with 1,000 lines). A phone has
/// 128-512 MB for everything it runs. After the collection, the native heap's free pages go back
/// too (<see cref="NativeHeapTrim"/>), and the start's pages of the runtime's,
/// the framework's and the native libraries' files are given back to the kernel
/// (<see cref="FilePageRelease"/>; 16 lines idle: about 120 -> 80 MiB), unless
/// <c>FeatureSync:Memory:ReleaseFilePagesAfterStart</c> is false.
/// </summary>
/// <remarks>
/// Registered after the line supervisor, whose start it follows. The delay covers the paced
/// registrations and first subscriptions of every line; it comes from the
/// <see cref="TimeProvider"/>. <c>FeatureSync:Memory:TrimAfterStartSeconds</c> sets it; 0 turns
/// the trim off (test hosts, which share one process and its GC).
/// </remarks>
internal sealed class StartupMemoryTrim(IConfiguration configuration, TimeProvider time, ILogger<StartupMemoryTrim> logger) : BackgroundService
{
    public const string DelayKey = "FeatureSync:Memory:TrimAfterStartSeconds";
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(10);

    /// <summary>false keeps the start's file pages mapped (the collection still runs).</summary>
    public const string FilePagesKey = "FeatureSync:Memory:ReleaseFilePagesAfterStart";

    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the delay has begun (its timer exists): a test can then move time.</summary>
    internal Task Waiting => _waiting.Task;

    /// <summary>What the page-out of the start's file pages did; null until it ran, or when it is off.</summary>
    internal FilePageRelease.Result? FilePages { get; private set; }

    /// <summary>Completes with true once the collection ran, false when the trim is off or the host stopped first.</summary>
    public Task<bool> Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = Hosting.SecondsSetting.Read(configuration, DelayKey, DefaultDelay, logger);
        if (delay <= TimeSpan.Zero)
        {
            _done.TrySetResult(false);
            return;
        }
        try
        {
            var wait = Task.Delay(delay, time, stoppingToken);
            _waiting.TrySetResult();
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _done.TrySetResult(false);
            return;
        }
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        NativeHeapTrim.Run();
        logger.LogInformation("Start-up garbage returned: GC committed memory {Before} -> {After} MiB",
            before / (1024 * 1024), after / (1024 * 1024));
        if (configuration.GetValue(FilePagesKey, true) && FilePageRelease.IsSupported)
        {
            ReleaseFilePages();
        }
        _done.TrySetResult(true);
    }

    private void ReleaseFilePages()
    {
        var residentBefore = Environment.WorkingSet; // the resident set (RSS) on Linux
        var started = time.GetTimestamp();
        var result = FilePageRelease.ReleaseOwnFilePages();
        var took = time.GetElapsedTime(started);
        FilePages = result;
        var residentAfter = Environment.WorkingSet;
        const int Mib = 1024 * 1024;
        if (result.Mappings == 0 && result.Refused > 0)
        {
            logger.LogInformation("Start-up file pages kept: the kernel refused MADV_PAGEOUT (errno {Errno}; Linux 5.4 or later has it)", result.LastError);
        }
        else if (residentBefore - residentAfter < Mib)
        {
            // The kernel pages out a file's pages only for a process that owns it or may write it.
            logger.LogInformation("Start-up file pages kept: resident {Resident} MiB; the kernel pages out only files this process owns or may write", residentAfter / Mib);
        }
        else
        {
            logger.LogInformation("Start-up file pages given back: resident {Before} -> {After} MiB ({Mappings} file mappings, {Milliseconds:F0} ms)",
                residentBefore / Mib, residentAfter / Mib, result.Mappings, took.TotalMilliseconds);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // A host stopped before the work even began never collects.
        _done.TrySetResult(false);
    }
}
