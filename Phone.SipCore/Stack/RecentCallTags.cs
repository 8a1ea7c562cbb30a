using System.Collections.Concurrent;

namespace Phone.SipCore.Stack;

/// <summary>
/// Trace tags of out-of-dialog requests routed to an identity (an incoming call to a line),
/// so the request, our answers and the caller's CANCEL appear in that line's ladder. Bounded:
/// the oldest are forgotten first, so a flood of new Call-IDs cannot grow it.
/// </summary>
internal sealed class RecentCallTags(int capacity = RecentCallTags.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<string, object> _tags = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Remember(string callId, object tag)
    {
        if (!_tags.TryAdd(callId, tag))
        {
            return;
        }
        _order.Enqueue(callId);
        while (_tags.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _tags.TryRemove(oldest, out _);
        }
    }

    public object? Find(string callId) => _tags.GetValueOrDefault(callId);
}
