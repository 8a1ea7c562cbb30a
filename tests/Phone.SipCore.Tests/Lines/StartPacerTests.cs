using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Lines;

namespace Phone.SipCore.Tests.Lines;

/// <summary>The start-up token bucket: a burst at once, then one slot per interval, refilled when idle.</summary>
public sealed class StartPacerTests
{
    [Fact]
    public void A_burst_starts_at_once_and_the_rest_are_spaced_by_the_rate()
    {
        var time = new FakeTimeProvider();
        var pacer = new StartPacer(time, perSecond: 1000, burst: 20);

        var waits = Enumerable.Range(0, 25).Select(_ => pacer.Reserve()).ToList();

        Assert.All(waits.Take(20), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal([1, 2, 3, 4, 5], waits.Skip(20).Select(w => (int)Math.Round(w.TotalMilliseconds)));
    }

    [Fact]
    public void An_idle_pacer_refills_its_burst_but_no_more()
    {
        var time = new FakeTimeProvider();
        var pacer = new StartPacer(time, perSecond: 100, burst: 3);
        for (var i = 0; i < 10; i++)
        {
            pacer.Reserve();
        }

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(10, (int)Math.Round(pacer.Reserve().TotalMilliseconds));
    }
}
