using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.FeatureSync.AsFeatureEvent;

/// <summary>Translates between the feature model and the as-feature-event documents.</summary>
public static class FeatureDocumentMapping
{
    public static FeatureKind ToKind(ForwardingType type) => type switch
    {
        ForwardingType.Immediate => FeatureKind.ForwardAlways,
        ForwardingType.Busy => FeatureKind.ForwardBusy,
        ForwardingType.NoAnswer => FeatureKind.ForwardNoAnswer,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ForwardingType ToForwardingType(FeatureKind kind) => kind switch
    {
        FeatureKind.ForwardAlways => ForwardingType.Immediate,
        FeatureKind.ForwardBusy => ForwardingType.Busy,
        FeatureKind.ForwardNoAnswer => ForwardingType.NoAnswer,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "DND is not a forward."),
    };

    /// <summary>The Set request for a wish; <paramref name="device"/> is the line's user part.</summary>
    public static FeatureDocument ToSetRequest(FeatureWish wish, string device) => wish.Kind == FeatureKind.Dnd
        ? new SetDoNotDisturb(wish.Value.Enabled) { Device = device }
        : new SetForwarding(ToForwardingType(wish.Kind), wish.Value.Enabled, wish.Value.Enabled ? wish.Value.Target : null,
            wish.Kind == FeatureKind.ForwardNoAnswer ? wish.Value.RingCount : null) { Device = device };

    /// <summary>The event for a state (the server side of the simulator and tests).</summary>
    public static FeatureDocument ToEvent(FeatureKind kind, FeatureValue value, string device) => kind == FeatureKind.Dnd
        ? new DoNotDisturbEvent(value.Enabled) { Device = device }
        : new ForwardingEvent(ToForwardingType(kind), value.Enabled, value.Target, value.RingCount) { Device = device };

    /// <summary>Reads a server event; Set requests and unknown documents are not events.</summary>
    public static bool TryReadEvent(FeatureDocument document, out FeatureKind kind, out FeatureValue value)
    {
        switch (document)
        {
            case DoNotDisturbEvent dnd:
                kind = FeatureKind.Dnd;
                value = new FeatureValue(dnd.DoNotDisturbOn);
                return true;
            case ForwardingEvent forward:
                kind = ToKind(forward.ForwardingType);
                value = new FeatureValue(forward.ForwardStatus, forward.ForwardTo, forward.RingCount);
                return true;
            default:
                kind = default;
                value = null!;
                return false;
        }
    }
}
