using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Simulator;

/// <summary>The server's own view of one user's features: what it would NOTIFY.</summary>
public sealed record SimulatedFeatures(FeatureValue Dnd, FeatureValue ForwardAlways, FeatureValue ForwardBusy, FeatureValue ForwardNoAnswer)
{
    public static SimulatedFeatures Initial(int ringCount) => new(
        new FeatureValue(false), new FeatureValue(false), new FeatureValue(false), new FeatureValue(false, null, ringCount));

    public FeatureValue this[FeatureKind kind] => kind switch
    {
        FeatureKind.Dnd => Dnd,
        FeatureKind.ForwardAlways => ForwardAlways,
        FeatureKind.ForwardBusy => ForwardBusy,
        FeatureKind.ForwardNoAnswer => ForwardNoAnswer,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature."),
    };

    public SimulatedFeatures With(FeatureKind kind, FeatureValue value) => kind switch
    {
        FeatureKind.Dnd => this with { Dnd = value },
        FeatureKind.ForwardAlways => this with { ForwardAlways = value },
        FeatureKind.ForwardBusy => this with { ForwardBusy = value },
        FeatureKind.ForwardNoAnswer => this with { ForwardNoAnswer = value },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature."),
    };
}
