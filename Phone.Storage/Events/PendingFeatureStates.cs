using Phone.SipCore.FeatureSync.Model;

namespace Phone.Storage.Events;

/// <summary>
/// The newest reported state of each feature of each line that is not stored yet. Only the
/// newest state of a feature matters on disk, so a flood of changes coalesces here into at
/// most lines x 4 entries instead of filling a queue, and reporting never waits for room.
/// </summary>
/// <remarks>
/// The lock guards a dictionary assignment or swap, never disk work, so a reporter holds
/// it for moments only.
/// </remarks>
internal sealed class PendingFeatureStates
{
    private static readonly IReadOnlyDictionary<(int Line, FeatureKind Kind), FeatureState> EmptyStates =
        new Dictionary<(int Line, FeatureKind Kind), FeatureState>();

    private readonly Lock _gate = new();
    private Dictionary<(int Line, FeatureKind Kind), FeatureState> _pending = [];

    /// <summary>Records the state, replacing an older state of the same feature not taken yet.</summary>
    public void Set(int line, FeatureState state)
    {
        lock (_gate)
        {
            _pending[(line, state.Kind)] = state;
        }
    }

    /// <summary>
    /// Takes everything pending. A state set afterwards waits for the next take, so a writer
    /// that stores each take before the next one stores every feature's states in report order.
    /// </summary>
    public IReadOnlyDictionary<(int Line, FeatureKind Kind), FeatureState> TakeAll()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return EmptyStates;
            }
            // Swapped, not copied: the caller owns the old dictionary from here on.
            var taken = _pending;
            _pending = [];
            return taken;
        }
    }
}
