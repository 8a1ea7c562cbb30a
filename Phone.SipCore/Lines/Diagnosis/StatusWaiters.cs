namespace Phone.SipCore.Lines.Diagnosis;

/// <summary>
/// Callers waiting for a line's status to meet a condition. Used only on the line's queue (Add and
/// Check), so it needs no lock; completions run their continuations elsewhere, never on the queue.
/// </summary>
internal sealed class StatusWaiters
{
    private readonly List<(Func<LineStatus, bool> Condition, TaskCompletionSource<LineStatus?> Done)> _waiters = [];

    /// <summary>Completes at once when <paramref name="current"/> already matches, else on a later <see cref="Check"/>.</summary>
    public TaskCompletionSource<LineStatus?> Add(LineStatus current, Func<LineStatus, bool> condition)
    {
        var done = new TaskCompletionSource<LineStatus?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (condition(current))
        {
            done.TrySetResult(current);
        }
        else
        {
            _waiters.Add((condition, done));
        }
        return done;
    }

    public void Check(LineStatus status)
    {
        // Every status change of every line comes here and almost none has a waiter: the closure
        // (made on entry to the method that captures) is made only when there is one; 1,000 lines
        // starting made 0.8 MiB of them.
        if (_waiters.Count > 0)
        {
            CompleteMatching(status);
        }
    }

    private void CompleteMatching(LineStatus status) =>
        _waiters.RemoveAll(w => w.Done.Task.IsCompleted || (w.Condition(status) && w.Done.TrySetResult(status)));

    public void Remove(TaskCompletionSource<LineStatus?> done) => _waiters.RemoveAll(w => ReferenceEquals(w.Done, done));
}
