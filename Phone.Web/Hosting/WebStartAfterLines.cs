namespace Phone.Web.Hosting;

/// <summary>
/// Holds the web server's start until the lines' first round is over (every line's first
/// REGISTER answered, and its first SUBSCRIBE where it subscribes), for at most
/// <c>FeatureSync:Web:StartAfterLinesSeconds</c> (2 s unless set; 0 starts the web server at once).
/// </summary>
/// <remarks>
/// A phone's calls come before its admin pages. Building the web server's request pipeline
/// (every endpoint, the Blazor and status hubs' method tables) is a few hundred ms of a core,
/// and on a two-core phone it ran beside the lines' first REGISTERs and full-state NOTIFYs:
/// with it held back, 1,000 lines were all registered and subscribed in 1.59-1.77 s against
/// 1.80-1.99 s, with no NOTIFY answered late, and the web answered about 0.3 s later
/// (docs/performance.md, "Target 5"). Registered as the last of our hosted services: the host
/// starts them in order and the web server after them. A registrar that never answers holds
/// the pages back for the limit only, and the status page then shows the line still registering.
/// </remarks>
internal sealed class WebStartAfterLines(Sip.LineSupervisor lines, IConfiguration configuration, TimeProvider time,
    ILogger<WebStartAfterLines> logger) : IHostedService
{
    public const string LimitKey = "FeatureSync:Web:StartAfterLinesSeconds";
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var limit = SecondsSetting.Read(configuration, LimitKey, DefaultLimit, logger);
        if (limit <= TimeSpan.Zero || lines.FirstRound.IsCompleted)
        {
            return;
        }
        var started = time.GetTimestamp();
        try
        {
            await lines.FirstRound.WaitAsync(limit, time, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Lines' first registrations answered; web server starting after {Milliseconds} ms",
                (long)time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (TimeoutException)
        {
            logger.LogInformation("Web server starting after {Seconds} s; some lines still wait for their first answer", limit.TotalSeconds);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
