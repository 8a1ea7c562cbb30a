using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Simulator;

/// <summary>What a dialled feature code asks for: a feature on (with its forward number) or off.</summary>
public sealed record CodeAction(FeatureKind Kind, bool Enable, string? Number)
{
    public string Describe() => Enable && Kind != FeatureKind.Dnd
        ? $"{FeatureNames.Of(Kind)} on to {Number}"
        : $"{FeatureNames.Of(Kind)} {(Enable ? "on" : "off")}";
}
