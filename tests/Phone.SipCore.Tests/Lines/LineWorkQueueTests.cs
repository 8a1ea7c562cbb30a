using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Lines;

namespace Phone.SipCore.Tests.Lines;

public sealed class LineWorkQueueTests
{
    [Fact]
    public async Task Work_and_timers_that_come_after_disposal_are_dropped_not_thrown()
    {
        var time = new FakeTimeProvider();
        var queue = new LineWorkQueue(time, NullLogger.Instance);
        var ran = false;
        using var timer = queue.Schedule(TimeSpan.FromSeconds(32), () => ran = true);
        await queue.DisposeAsync();

        time.Advance(TimeSpan.FromSeconds(33)); // the timer posts to a closed queue: no exception
        queue.Post(() => ran = true);

        Assert.False(ran);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.InvokeAsync(() => true));
    }
}
