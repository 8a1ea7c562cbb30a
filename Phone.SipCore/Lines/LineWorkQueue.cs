using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Phone.SipCore.FeatureSync.AsFeatureEvent;

namespace Phone.SipCore.Lines;

/// <summary>
/// The one queue a line's work runs on: NOTIFYs, local toggles, timer expiries and
/// transaction outcomes are processed one at a time, in order, so they never race
/// (design: one line = one agent). Bounded: a flood waits for room instead of growing.
/// </summary>
public sealed class LineWorkQueue : ISyncScheduler, IAsyncDisposable
{
    public const int Capacity = 4096;

    private readonly Channel<Action> _work = Channel.CreateBounded<Action>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task _loop;

    // The queue whose work is running on this thread, so Post can tell a call from inside.
    [ThreadStatic]
    private static LineWorkQueue? _running;

    public LineWorkQueue(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Queues work; waits for room when a flood has filled the queue. Once the queue is
    /// disposed, work is dropped: a late timer expiry (e.g. the unsubscribe's final-NOTIFY
    /// grace) or transaction outcome must not throw on a timer thread and end the process.
    /// </summary>
    public void Post(Action work) => TryPost(work);

    private bool TryPost(Action work)
    {
        if (_work.Writer.TryWrite(work))
        {
            return true;
        }
        if (ReferenceEquals(_running, this))
        {
            // Full, and called from our own work (a callback that completed synchronously):
            // blocking here would wait for room only this loop can make. The pending write
            // completes when the loop drains; it is one per running item, so still bounded.
            _ = _work.Writer.WriteAsync(work).AsTask();
            return true;
        }
        try
        {
            // Full: block the producer (a transport thread) briefly rather than drop state changes.
            _work.Writer.WriteAsync(work).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (ChannelClosedException)
        {
            _logger.LogDebug("Line work dropped: the line has stopped");
            return false;
        }
    }

    /// <summary>Runs <paramref name="work"/> on the queue and returns when it has run.</summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = TryPost(() =>
        {
            try
            {
                done.TrySetResult(work());
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        });
        if (!queued)
        {
            done.TrySetException(new ObjectDisposedException(nameof(LineWorkQueue), "The line has stopped."));
        }
        return done.Task;
    }

    /// <summary>A timer whose expiry is queued like any other work.</summary>
    public IDisposable Schedule(TimeSpan after, Action action) =>
        _time.CreateTimer(_ => Post(action), null, after, Timeout.InfiniteTimeSpan);

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            _running = this;
            try
            {
                work();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogError(ex, "Line work failed");
            }
            finally
            {
                _running = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
