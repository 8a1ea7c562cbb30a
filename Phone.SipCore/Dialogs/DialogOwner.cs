namespace Phone.SipCore.Dialogs;

/// <summary>
/// Who owns a dialog or a local identity: the queue its requests are handled on, the tag its
/// messages are traced under (the stack does not interpret the tag; lines use their number),
/// and optionally the policy that says which sources may reach it.
/// </summary>
public sealed record DialogOwner(IRequestQueue Queue, object? TraceTag = null)
{
    /// <summary>Checked before any request reaches the owner; null trusts every source the dialog accepts.</summary>
    public IRequestTrust? Trust { get; init; }

    /// <summary>
    /// Handles requests on the receive path itself. Only for owners whose handlers never wait
    /// (a feature-code call completing a task, the in-process PBX simulator, tests).
    /// </summary>
    public static DialogOwner Inline(object? traceTag = null) => new(InlineRequestQueue.Instance, traceTag);

    private sealed class InlineRequestQueue : IRequestQueue
    {
        public static readonly InlineRequestQueue Instance = new();

        public bool TryPostRequest(Action work)
        {
            work();
            return true;
        }
    }
}
