using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Simulator;

/// <summary>Short feature names for the simulator's event lines ("forward busy on to 3000").</summary>
internal static class FeatureNames
{
    public static string Of(FeatureKind kind) => kind switch
    {
        FeatureKind.Dnd => "DND",
        FeatureKind.ForwardAlways => "forward always",
        FeatureKind.ForwardBusy => "forward busy",
        FeatureKind.ForwardNoAnswer => "forward no answer",
        _ => kind.ToString(),
    };

    public static string Describe(FeatureKind kind, FeatureValue value) => $"{Of(kind)} {value.Describe(kind)}";
}
