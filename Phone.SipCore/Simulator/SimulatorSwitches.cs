namespace Phone.SipCore.Simulator;

/// <summary>
/// Misbehaviours to reproduce a customer's problem without a lab (docs/protocol.md section 5).
/// Set per user or globally; a switch is on for a user when either says so.
/// </summary>
/// <param name="RefuseChanges">Phone-side changes are answered 200 and then NOTIFYed with the old
/// value (as-feature-event); feature codes are answered 403.</param>
/// <param name="RejectSubscribe">Every SUBSCRIBE is answered 489 Bad Event, as by a server without
/// the package (RFC 6665 8.3.2); live subscriptions are ended when this is switched on.</param>
/// <param name="Silent">Subscriptions are accepted but never NOTIFYed: "subscribed, no state received".</param>
public sealed record SimulatorSwitches(bool RefuseChanges = false, bool RejectSubscribe = false, bool Silent = false)
{
    public static SimulatorSwitches None { get; } = new();

    public SimulatorSwitches Or(SimulatorSwitches other) => new(
        RefuseChanges || other.RefuseChanges, RejectSubscribe || other.RejectSubscribe, Silent || other.Silent);
}
