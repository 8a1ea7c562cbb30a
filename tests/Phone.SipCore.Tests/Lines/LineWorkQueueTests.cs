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

    [Fact]
    public async Task Work_that_posts_to_its_own_full_queue_does_not_deadlock()
    {
        await using var queue = new LineWorkQueue(TimeProvider.System, NullLogger.Instance);
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Post(() =>
        {
            running.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            // The queue is full now; a synchronous callback posts from inside the loop.
            queue.Post(() => last.TrySetResult());
        });
        Assert.True(running.Wait(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < LineWorkQueue.Capacity; i++)
        {
            queue.Post(() => { });
        }

        release.Set();

        Assert.Same(last.Task, await Task.WhenAny(last.Task, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task A_full_queue_blocks_the_producer_until_the_loop_makes_room_and_loses_nothing()
    {
        await using var queue = new LineWorkQueue(TimeProvider.System, NullLogger.Instance);
        using var release = new ManualResetEventSlim();
        var ran = 0;
        queue.Post(() => release.Wait(TimeSpan.FromSeconds(30)));
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < LineWorkQueue.Capacity * 2; i++)
            {
                queue.Post(() => Interlocked.Increment(ref ran));
            }
        });
        // The producer cannot finish while the queue is full and the loop is held.
        Assert.NotSame(producer, await Task.WhenAny(producer, Task.Delay(TimeSpan.FromMilliseconds(300))));

        release.Set();

        await producer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await queue.InvokeAsync(() => true).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(LineWorkQueue.Capacity * 2, Volatile.Read(ref ran));
    }
}
