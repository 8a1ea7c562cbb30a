using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.AsFeatureEvent;

namespace Phone.SipCore.Lines;

/// <summary>
/// The one queue a line's work runs on: requests from the network, local toggles, timer
/// expiries and transaction outcomes are processed one at a time, in order, so they never race
/// (design: one line = one agent). Nobody ever waits to queue: work the line starts itself
/// (timers, outcomes, the web's changes) is always taken, and work the network brings is
/// bounded by <see cref="RequestCapacity"/> - past it <see cref="TryPostRequest"/> says no and
/// the stack answers 503, so one flooded or slow line cannot stall the others.
/// </summary>
public sealed class LineWorkQueue : ISyncScheduler, IRequestQueue, IAsyncDisposable
{
    /// <summary>Requests from the network a line holds before it answers 503.</summary>
    public const int DefaultRequestCapacity = 4096;

    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private int _requests;

    public LineWorkQueue(TimeProvider time, ILogger logger, int requestCapacity = DefaultRequestCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestCapacity, 1);
        _time = time;
        _logger = logger;
        RequestCapacity = requestCapacity;
        _loop = Task.Run(RunAsync);
    }

    public int RequestCapacity { get; }

    /// <summary>Requests from the network queued and not yet handled.</summary>
    public int PendingRequests => Volatile.Read(ref _requests);

    /// <summary>
    /// Queues work the line started itself. Once the queue is disposed the work is dropped: a
    /// late timer expiry or transaction outcome must not throw on a timer thread.
    /// </summary>
    public void Post(Action work)
    {
        if (!_work.Writer.TryWrite(work))
        {
            _logger.LogDebug("Line work dropped: the line has stopped");
        }
    }

    /// <summary>Queues a request's work unless <see cref="RequestCapacity"/> requests already wait; never blocks.</summary>
    public bool TryPostRequest(Action work)
    {
        if (Interlocked.Increment(ref _requests) > RequestCapacity)
        {
            Interlocked.Decrement(ref _requests);
            return false;
        }
        if (_work.Writer.TryWrite(() =>
            {
                Interlocked.Decrement(ref _requests);
                work();
            }))
        {
            return true;
        }
        Interlocked.Decrement(ref _requests);
        return false;
    }

    /// <summary>Runs <paramref name="work"/> on the queue and completes when it has run.</summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(() =>
            {
                try
                {
                    done.TrySetResult(work());
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                }
            }))
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
            try
            {
                work();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogError(ex, "Line work failed");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
