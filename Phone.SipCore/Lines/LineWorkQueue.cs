using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Lines;

/// <summary>
/// The one queue a line's work runs on: requests from the network, local toggles, timer
/// expiries and transaction outcomes are processed one at a time, in order, so they never race
/// (design: one line = one agent). Nobody ever waits to queue: work the line starts itself
/// (timers, outcomes, the web's changes) is always taken, and work the network brings is
/// bounded by <see cref="RequestCapacity"/> - past it <see cref="TryPostRequest"/> says no and
/// the stack answers 503, so one flooded or slow line cannot stall the others.
/// </summary>
/// <remarks>
/// A mailbox: a lock-free queue and one "scheduled" flag. Whoever posts to an idle line
/// schedules one thread-pool work item (<see cref="IThreadPoolWorkItem"/>), which runs the
/// line's work until the queue is empty (or a fairness budget is spent) and then clears the flag.
/// A request that reaches an idle, empty line on a supervised reader thread
/// (<see cref="SupervisedReader.MayRunInline"/>) runs right there instead: no hand-off, no
/// thread woken - at 1,000 NOTIFY/s the hand-off was the largest single cost
/// (docs/performance.md, target 2). It still runs alone and in order: it holds the same flag,
/// and work posted meanwhile waits for it.
/// If it stalls, the transport's watchdog gives the socket to a new reader, so the other lines
/// keep being served.
/// </remarks>
public sealed class LineWorkQueue : ISyncScheduler, IRequestQueue, IAsyncDisposable, IThreadPoolWorkItem
{
    /// <summary>Requests from the network a line holds before it answers 503.</summary>
    public const int DefaultRequestCapacity = 4096;

    // Items one pool work item runs before it yields its thread to other lines' work.
    private const int FairnessBudget = 64;

    private readonly ConcurrentQueue<Action> _work = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _scheduled; // 1 while a thread runs (or is about to run) this line's work
    private volatile bool _closed;
    private int _requests;

    public LineWorkQueue(TimeProvider time, ILogger logger, int requestCapacity = DefaultRequestCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestCapacity, 1);
        _time = time;
        _logger = logger;
        RequestCapacity = requestCapacity;
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
        if (!TryEnqueue(work))
        {
            _logger.LogDebug("Line work dropped: the line has stopped");
        }
    }

    /// <summary>Queues a request's work unless <see cref="RequestCapacity"/> requests already wait; never blocks.</summary>
    public bool TryPostRequest(Action work)
    {
        if (_closed)
        {
            return false;
        }
        if (_work.IsEmpty && SupervisedReader.MayRunInline && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            RunInline(work);
            return true;
        }
        if (Interlocked.Increment(ref _requests) > RequestCapacity)
        {
            Interlocked.Decrement(ref _requests);
            return false;
        }
        if (TryEnqueue(() =>
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
        if (!TryEnqueue(() =>
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

    private bool TryEnqueue(Action work)
    {
        if (_closed)
        {
            return false;
        }
        _work.Enqueue(work);
        ScheduleIfIdle();
        return true;
    }

    private void ScheduleIfIdle()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // The caller holds the flag, and the queue was empty when it took it: nothing runs before
    // or beside this work. Whatever was posted meanwhile goes to the pool afterwards.
    private void RunInline(Action work)
    {
        Run(work);
        Release();
    }

    void IThreadPoolWorkItem.Execute()
    {
        for (var ran = 0; ran < FairnessBudget && _work.TryDequeue(out var work); ran++)
        {
            Run(work);
        }
        Release();
    }

    /// <summary>Clears the flag; work that arrived after the last dequeue is scheduled again (the flag is free, so exactly one poster or this call wins).</summary>
    private void Release()
    {
        Volatile.Write(ref _scheduled, 0);
        if (!_work.IsEmpty)
        {
            ScheduleIfIdle();
        }
    }

    private void Run(Action work)
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

    /// <summary>Stops taking work; completes when what was queued before has run.</summary>
    public async ValueTask DisposeAsync()
    {
        _closed = true;
        // A last item that completes the drain: it runs after everything queued before the close.
        _work.Enqueue(() => _drained.TrySetResult());
        ScheduleIfIdle();
        await _drained.Task.ConfigureAwait(false);
    }
}
