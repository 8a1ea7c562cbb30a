namespace Phone.SipCore.FeatureSync.Model;

/// <summary>The call features a line can synchronize with its server.</summary>
public enum FeatureKind
{
    Dnd,
    ForwardAlways,
    ForwardBusy,
    ForwardNoAnswer,
}
