using Phone.Storage.Provisioning;

namespace Phone.Web.Provisioning;

/// <summary>
/// Fetches at start (when a URL is set), then every interval with a random spread so a fleet
/// switched on together does not arrive together; 0 hours = no periodic fetch. Also runs the
/// check-syncs the lines hand over. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class ProvisioningScheduler(
    IProvisioningRunner runner,
    ProvisioningSchedule schedule,
    ProvisioningOptions options,
    TimeProvider time,
    ILogger<ProvisioningScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = await runner.GetAsync(stoppingToken);
        DateTimeOffset? next = settings.Url.Length > 0 ? time.GetUtcNow() : null;
        var trigger = "start";
        while (!stoppingToken.IsCancellationRequested)
        {
            if (next is { } due && time.GetUtcNow() >= due)
            {
                await RunAsync(() => runner.FetchNowAsync(trigger, stoppingToken), stoppingToken);
                trigger = "schedule";
                next = Next(await runner.GetAsync(stoppingToken));
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var timer = next is { } at
                ? Task.Delay(Max(at - time.GetUtcNow(), TimeSpan.Zero), time, waiting.Token)
                : Task.Delay(Timeout.InfiniteTimeSpan, time, waiting.Token);
            // Published after the timer exists, so a test that advances a fake clock on seeing it hits the timer.
            schedule.NextFetch = next;
            schedule.RaiseChanged();
            await Task.WhenAny(timer, schedule.WaitAsync(waiting.Token));
            await waiting.CancelAsync();

            while (schedule.TryTakeCheckSync(out var line))
            {
                await RunAsync(() => runner.CheckSyncAsync(line, stoppingToken), stoppingToken);
            }
            if (schedule.TakeSettingsChanged())
            {
                next = Next(await runner.GetAsync(stoppingToken));
                trigger = "schedule";
            }
        }
    }

    /// <summary>now + interval × (1 ± spread); null when off or no URL is set.</summary>
    private DateTimeOffset? Next(ProvisioningView settings)
    {
        if (settings.Url.Length == 0 || settings.IntervalHours == 0)
        {
            return null;
        }
        var factor = 1 + options.Spread * (2 * Random.Shared.NextDouble() - 1);
        return time.GetUtcNow() + TimeSpan.FromHours(settings.IntervalHours * factor);
    }

    private async Task RunAsync(Func<Task<ProvisioningRun>> fetch, CancellationToken stoppingToken)
    {
        try
        {
            await fetch();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A failed run (say, the database was busy) must not end the schedule.
            logger.LogError(ex, "Provisioning run failed");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
