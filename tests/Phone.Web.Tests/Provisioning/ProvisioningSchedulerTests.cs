using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.Storage.Provisioning;
using Phone.Web.Provisioning;

namespace Phone.Web.Tests.Provisioning;

/// <summary>The schedule alone, on a fake clock: at start, then every interval ± 10%; 0 hours = off; check-sync runs at once.</summary>
public sealed class ProvisioningSchedulerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ProvisioningSchedule _schedule = new();
    private readonly FakeRunner _runner = new();

    private ProvisioningScheduler CreateScheduler() =>
        new(_runner, _schedule, new ProvisioningOptions(), _time, NullLogger<ProvisioningScheduler>.Instance);

    [Fact]
    public async Task Fetches_at_start_then_each_interval_within_the_spread()
    {
        _runner.View = _runner.View with { Url = "http://prov/{mac}.cfg", IntervalHours = 10 };
        using var scheduler = CreateScheduler();
        await scheduler.StartAsync(default);

        await Wait.UntilAsync(() => _runner.Fetches.Count == 1 && _schedule.NextFetch is not null);
        Assert.Equal("start", _runner.Fetches[0]);
        var next = _schedule.NextFetch!.Value;
        Assert.InRange(next - _time.GetUtcNow(), TimeSpan.FromHours(9), TimeSpan.FromHours(11));

        _time.Advance(TimeSpan.FromHours(9) - TimeSpan.FromMinutes(1));
        Assert.Single(_runner.Fetches);
        _time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2));

        await Wait.UntilAsync(() => _runner.Fetches.Count == 2 && _schedule.NextFetch != next);
        Assert.Equal("schedule", _runner.Fetches[1]);
        await scheduler.StopAsync(default);
    }

    [Fact]
    public async Task Zero_hours_fetches_only_at_start_and_no_url_never()
    {
        _runner.View = _runner.View with { Url = "http://prov/{mac}.cfg", IntervalHours = 0 };
        using var scheduler = CreateScheduler();
        await scheduler.StartAsync(default);
        await Wait.UntilAsync(() => _runner.Fetches.Count == 1);

        _time.Advance(TimeSpan.FromDays(30));

        Assert.Null(_schedule.NextFetch);
        Assert.Single(_runner.Fetches);
        await scheduler.StopAsync(default);

        _runner.View = _runner.View with { Url = "" , IntervalHours = 1 };
        _runner.Fetches.Clear();
        using var idle = CreateScheduler();
        await idle.StartAsync(default);
        _schedule.CheckSyncRequested(4);
        await Wait.UntilAsync(() => _runner.CheckSyncs.Count == 1);
        Assert.Empty(_runner.Fetches);
        await idle.StopAsync(default);
    }

    [Fact]
    public async Task Saved_settings_reschedule()
    {
        // Idle first (no URL at start): the schedule is published once the scheduler waits.
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _schedule.Changed += () => waiting.TrySetResult();
        using var scheduler = CreateScheduler();
        await scheduler.StartAsync(default);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _runner.View = _runner.View with { Url = "http://prov/{mac}.cfg", IntervalHours = 2 };

        _schedule.SettingsChanged();

        await Wait.UntilAsync(() => _schedule.NextFetch is not null);
        Assert.InRange(_schedule.NextFetch!.Value - _time.GetUtcNow(), TimeSpan.FromHours(1.8), TimeSpan.FromHours(2.2));
        Assert.Empty(_runner.Fetches);
        await scheduler.StopAsync(default);
    }

    private sealed class FakeRunner : IProvisioningRunner
    {
        private static readonly ProvisioningAttempt Attempt =
            new(DateTimeOffset.UnixEpoch, "", "", null, null, 0, 0, ProvisioningOutcome.NotConfigured, "");

        public ProvisioningView View { get; set; } = new("", "", "", false, "", 24, true, "");

        public List<string> Fetches { get; } = [];

        public List<int> CheckSyncs { get; } = [];

        public Task<ProvisioningView> GetAsync(CancellationToken cancellationToken) => Task.FromResult(View);

        public Task<ProvisioningRun> FetchNowAsync(string trigger, CancellationToken cancellationToken)
        {
            lock (Fetches)
            {
                Fetches.Add(trigger);
            }
            return Task.FromResult(new ProvisioningRun(Attempt, []));
        }

        public Task<ProvisioningRun> CheckSyncAsync(int line, CancellationToken cancellationToken)
        {
            CheckSyncs.Add(line);
            return Task.FromResult(new ProvisioningRun(Attempt, []));
        }
    }
}
