using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Events;

/// <summary>
/// The one storage writer (group commit): feature states, sync log and trace rows from every
/// line wait in <see cref="PendingWrites"/> and are written by one loop, a batch per
/// transaction, on one connection with prepared statements. Reporting never waits; a caller
/// that must know a change is on disk awaits <see cref="WhenCommittedAsync"/>.
/// </summary>
/// <remarks>
/// A batch a caller waits for commits with <c>PRAGMA synchronous=FULL</c> (<see cref="WriterConnection"/>):
/// it, and everything committed before it, survives a power cut, at one fsync per batch. A batch
/// nobody waits for commits with NORMAL (see <see cref="Synchronous"/>).
/// </remarks>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly PendingWrites _pending;
    private readonly GroupCommitOptions _options;
    private readonly PhoneDatabase _database;
    private readonly StorageOptions _storage;
    private readonly FeatureStateValidator _validator;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;

    private readonly WriterSignal _signal;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SqliteConnection? _connection;
    private string _synchronous = WriterConnection.Full;
    private BatchStatements? _statements;
    private long _dropped;

    public GroupCommitWriter(GroupCommitOptions options, PhoneDatabase database, StorageOptions storage,
        FeatureStateValidator validator, StorageMetrics metrics, TimeProvider time, ILogger logger)
    {
        _options = options;
        _pending = new PendingWrites(options.QueueCapacity);
        _database = database;
        _storage = storage;
        _validator = validator;
        _metrics = metrics;
        _logger = logger;
        _signal = new WriterSignal(time);
        // A thread of its own: it blocks in fsync (synchronous=FULL) on every commit, which a
        // thread-pool worker must not, and it sleeps in Monitor.Wait between batches instead of
        // costing a pool work item, a timer task and a worker's spin per wake-up.
        new Thread(Run, maxStackSize: 512 * 1024) { IsBackground = true, Name = "Storage writer" }.Start();
    }

    /// <summary>Log and trace rows dropped: refused while the queue was full, or in a batch that failed.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Log and trace rows waiting now (bounded by <see cref="GroupCommitOptions.QueueCapacity"/>).</summary>
    public int QueuedRows => _pending.QueuedRows;

    public void SetState(int line, FeatureState state) => Reported(_pending.SetState(line, state));

    public void Add(SyncLogEntry entry) => Queued(_pending.TryAdd(entry), StorageMetrics.SyncLogTag);

    public void Add(TraceRow entry) => Queued(_pending.TryAdd(entry), StorageMetrics.SipTraceTag);

    private void Queued(int waiting, KeyValuePair<string, object?> table)
    {
        if (waiting < 0)
        {
            Interlocked.Increment(ref _dropped);
            _metrics.Dropped(table);
            return;
        }
        Reported(waiting);
    }

    /// <inheritdoc cref="IStorageCommitBarrier.WhenCommittedAsync"/>
    public Task WhenCommittedAsync(CancellationToken cancellationToken)
    {
        var ticket = _pending.TicketForFillingBatch();
        // Somebody waits: the batch goes now, with whatever has gathered.
        _signal.Flush();
        return ticket.WaitAsync(cancellationToken);
    }

    private void Reported(int waiting)
    {
        if (waiting >= _options.MaxRows)
        {
            _signal.Flush();
            return;
        }
        _signal.Work();
    }

    private void Run()
    {
        try
        {
            // Ends when DisposeAsync closes the signal; the last round below then stores
            // whatever was reported until that moment and completes the last tickets.
            while (_signal.WaitForWork())
            {
                _signal.WaitOutWindow(_options.Window);
                if (!CommitPending())
                {
                    // Restored feature states (and waiting callers) need another round, after a pause.
                    _signal.Pause(_options.RetryDelay);
                }
            }
            CommitPending();
            CloseConnection();
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "The storage writer stopped");
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>Writes everything pending in one transaction; false when it failed.</summary>
    private bool CommitPending()
    {
        var batch = _pending.Take();
        try
        {
            if (batch.RowCount > 0)
            {
                var started = Stopwatch.GetTimestamp();
                var skipped = Write(batch);
                _metrics.Committed(batch, Stopwatch.GetElapsedTime(started).TotalMilliseconds, _synchronous);
                if (skipped > 0)
                {
                    _logger.LogError("{Count} feature state(s) broke a storage rule and were not stored", skipped);
                }
            }
            batch.Committed?.TrySetResult();
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Storing a batch of {Rows} rows failed; its log and trace rows are dropped, its feature states retried", batch.RowCount);
            CloseConnection();
            Interlocked.Add(ref _dropped, batch.Log.Count + batch.Trace.Count);
            _metrics.Failed(batch);
            _pending.Restore(batch.States);
            batch.Committed?.TrySetException(new StorageWriteException($"The database could not store the change: {ex.Message}", ex));
            return false;
        }
        finally
        {
            _pending.Recycle(batch);
        }
    }

    private int Write(WriteBatch batch)
    {
        var statements = Open();
        Synchronous(batch.Committed is not null ? WriterConnection.Full : WriterConnection.Normal);
        using var transaction = _connection!.BeginTransaction();
        var skipped = statements.Write(batch, transaction);
        transaction.Commit();
        return skipped;
    }

    /// <summary>
    /// FULL (fsync at commit) for a batch a caller waits for, NORMAL (the OS writes it back) for a
    /// batch nobody does. In WAL mode a FULL commit fsyncs the whole log, so it also makes every
    /// earlier NORMAL commit durable: what was promised survives a power cut, and a process crash
    /// loses nothing committed either way. Only unpromised rows (NOTIFY-driven states, which the
    /// server sends again at the next subscription, and log and trace rows) can be lost to a power
    /// cut before the OS writes them back. Changed between transactions only, as SQLite requires.
    /// </summary>
    private void Synchronous(string mode)
    {
        if (mode == _synchronous)
        {
            return;
        }
        WriterConnection.SetSynchronous(_connection!, mode);
        _synchronous = mode;
    }

    private BatchStatements Open()
    {
        if (_statements is not null)
        {
            return _statements;
        }
        // Opened at the first batch, not at construction: the database is migrated by then.
        _connection = WriterConnection.Open(_database);
        _synchronous = WriterConnection.Full;
        _statements = new BatchStatements(_connection, _storage, _validator);
        return _statements;
    }

    // After a failure the connection is rebuilt, so a broken statement or handle is not reused.
    private void CloseConnection()
    {
        _statements?.Dispose();
        _statements = null;
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Stores everything reported so far, completes the waiting callers, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Close();
        _signal.Close();
        await _stopped.Task.ConfigureAwait(false);
        _signal.Dispose();
    }
}
