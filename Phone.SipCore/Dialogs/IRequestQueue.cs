namespace Phone.SipCore.Dialogs;

/// <summary>
/// Where the work a request brings runs: a line's queue in the phone. The stack never waits
/// on it: when the queue is full the request is refused (503) instead of blocking the
/// receive path for every other line.
/// </summary>
public interface IRequestQueue
{
    /// <summary>Queues work brought by a request from the network; false when the queue is full.</summary>
    bool TryPostRequest(Action work);
}
