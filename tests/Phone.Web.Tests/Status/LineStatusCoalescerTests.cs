using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.TestSupport;
using Phone.Web.Status;

namespace Phone.Web.Tests.Status;

/// <summary>
/// Live views get each line's latest state: statuses of one line offered before a flush collapse
/// into the newest, other lines are kept, one flush is asked for per round, and the
/// FeatureSync.Web counters say how many were sent and how many were coalesced.
/// </summary>
public sealed class LineStatusCoalescerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counted = new();

    public LineStatusCoalescerTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this test's factory: other tests' meters share the name.
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            _counted.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        _listener.Start();
        Metrics = new LivePushMetrics(factory);
    }

    private LivePushMetrics Metrics { get; }

    [Fact]
    public void Statuses_of_one_line_before_a_flush_collapse_into_the_newest()
    {
        var flushes = 0;
        var coalescer = new LineStatusCoalescer(() => flushes++, Metrics, LivePushMetrics.Hub);
        var one = LineStatuses.Registered(1);

        coalescer.Offer(one.WithDnd(true, FeatureStanding.Confirmed));
        coalescer.Offer(one.WithDnd(false, FeatureStanding.Confirmed));
        coalescer.Offer(LineStatuses.Registered(2, "Desk", "2002"));
        var taken = coalescer.Take();

        Assert.Equal(1, flushes);
        Assert.Equal([1, 2], taken.Select(s => s.Line).Order());
        Assert.False(taken.Single(s => s.Line == 1).Features.Dnd.Enabled);
        Assert.Equal(2, _counted.GetValueOrDefault("featuresync.web.live_pushes.sent"));
        Assert.Equal(1, _counted.GetValueOrDefault("featuresync.web.live_pushes.coalesced"));
    }

    [Fact]
    public void An_offer_after_a_flush_asks_for_the_next_one()
    {
        var flushes = 0;
        var coalescer = new LineStatusCoalescer(() => flushes++, Metrics, LivePushMetrics.Page);

        coalescer.Offer(LineStatuses.Registered(1));
        Assert.Single(coalescer.Take());
        coalescer.Offer(LineStatuses.Registered(1).WithDnd(true, FeatureStanding.Pending));

        Assert.Equal(2, flushes);
        Assert.True(Assert.Single(coalescer.Take()).Features.Dnd.Enabled);
        Assert.Empty(coalescer.Take());
        Assert.Equal(0, _counted.GetValueOrDefault("featuresync.web.live_pushes.coalesced"));
    }

    [Fact]
    public void Statuses_nobody_listens_to_are_dropped_uncounted_and_the_next_offer_flushes_again()
    {
        var flushes = 0;
        var coalescer = new LineStatusCoalescer(() => flushes++, Metrics, LivePushMetrics.Hub);

        coalescer.Offer(LineStatuses.Registered(1));
        coalescer.Offer(LineStatuses.Registered(2, "Desk", "2002"));
        coalescer.Discard();
        coalescer.Offer(LineStatuses.Registered(3, "Lobby", "2003"));

        Assert.Equal(2, flushes);
        Assert.Equal(3, Assert.Single(coalescer.Take()).Line);
        Assert.Equal(1, _counted.GetValueOrDefault("featuresync.web.live_pushes.sent"));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
