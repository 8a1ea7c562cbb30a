namespace Phone.SipCore.FeatureSync.Model;

/// <summary>The four synchronizable features of one line.</summary>
public sealed record LineFeatureState(
    int Line,
    FeatureState Dnd,
    FeatureState ForwardAlways,
    FeatureState ForwardBusy,
    FeatureState ForwardNoAnswer)
{
    public static LineFeatureState Initial(int line, DateTimeOffset at) => new(
        line,
        FeatureState.Initial(FeatureKind.Dnd, at),
        FeatureState.Initial(FeatureKind.ForwardAlways, at),
        FeatureState.Initial(FeatureKind.ForwardBusy, at),
        FeatureState.Initial(FeatureKind.ForwardNoAnswer, at));

    /// <summary>The four states in <see cref="FeatureKind"/> order.</summary>
    public IReadOnlyList<FeatureState> All => [Dnd, ForwardAlways, ForwardBusy, ForwardNoAnswer];

    public FeatureState this[FeatureKind kind] => kind switch
    {
        FeatureKind.Dnd => Dnd,
        FeatureKind.ForwardAlways => ForwardAlways,
        FeatureKind.ForwardBusy => ForwardBusy,
        FeatureKind.ForwardNoAnswer => ForwardNoAnswer,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature."),
    };

    /// <summary>A copy with the state of <paramref name="state"/>'s kind replaced.</summary>
    public LineFeatureState With(FeatureState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Kind switch
        {
            FeatureKind.Dnd => this with { Dnd = state },
            FeatureKind.ForwardAlways => this with { ForwardAlways = state },
            FeatureKind.ForwardBusy => this with { ForwardBusy = state },
            FeatureKind.ForwardNoAnswer => this with { ForwardNoAnswer = state },
            _ => throw new ArgumentOutOfRangeException(nameof(state), state.Kind, "Unknown feature."),
        };
    }
}
