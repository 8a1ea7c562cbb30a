using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;
using Phone.Storage.Features;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Events;

/// <summary>
/// Records what the SIP core reports without ever blocking it: events go into a bounded queue
/// and one background writer stores them. When a flood fills the queue, trace and log lines
/// are dropped (and counted); feature states wait for room, because a restart must show them.
/// </summary>
public sealed class StorageEventSink : ILineEventSink, IAsyncDisposable
{
    public const int Capacity = 10_000;

    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SyncLogRepository _log;
    private readonly SipTraceRepository _trace;
    private readonly FeatureStateRepository _features;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageEventSink> _logger;
    private readonly Task _writer;
    private long _dropped;

    public StorageEventSink(SyncLogRepository log, SipTraceRepository trace, FeatureStateRepository features,
        TimeProvider time, ILogger<StorageEventSink> logger)
    {
        _log = log;
        _trace = trace;
        _features = features;
        _time = time;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Trace and log events dropped because the queue was full.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    public void SyncLog(int line, SyncLogKind kind, FeatureOrigin origin, SyncOutcome outcome, string text)
    {
        var entry = new SyncLogEntry(_time.GetUtcNow(), line, kind, origin, outcome, text);
        Offer(ct => _log.AppendAsync(entry, ct));
    }

    public void SipTrace(int? line, SipTraceDirection direction, SipEndPoint remote, ReadOnlyMemory<byte> message)
    {
        var text = Encoding.UTF8.GetString(message.Span);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = (end < 0 ? text : text[..end]).TrimEnd('\r');
        var entry = new SipTraceEntry(_time.GetUtcNow(), line, direction, remote.ToString(), firstLine, text);
        Offer(ct => _trace.AppendAsync(entry, ct));
    }

    public void FeatureStateChanged(int line, FeatureState state)
    {
        Func<CancellationToken, Task> write = ct => _features.SaveAsync(line, state, ct);
        if (!_queue.Writer.TryWrite(write))
        {
            _queue.Writer.WriteAsync(write).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Waits until everything queued so far is stored (tests, shutdown).</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<CancellationToken, Task> marker = _ =>
        {
            done.TrySetResult();
            return Task.CompletedTask;
        };
        if (!_queue.Writer.TryWrite(marker))
        {
            return _queue.Writer.WriteAsync(marker).AsTask().ContinueWith(_ => done.Task, TaskScheduler.Default).Unwrap();
        }
        return done.Task;
    }

    private void Offer(Func<CancellationToken, Task> write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteAsync()
    {
        await foreach (var write in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await write(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogError(ex, "Storing a SIP core event failed");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
