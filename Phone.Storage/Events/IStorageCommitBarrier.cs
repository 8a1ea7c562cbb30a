namespace Phone.Storage.Events;

/// <summary>
/// Lets a caller that acknowledges a change (the web API's 202, a page's confirmation) wait
/// until the storage writer has committed it, without the SIP core ever waiting.
/// </summary>
public interface IStorageCommitBarrier
{
    /// <summary>
    /// Completes when everything reported to the event sink before this call has been committed
    /// to the database. Faults with <see cref="StorageWriteException"/> when the transaction
    /// holding it failed, and with <see cref="ObjectDisposedException"/> once the writer has stopped.
    /// </summary>
    Task WhenCommittedAsync(CancellationToken cancellationToken = default);
}
