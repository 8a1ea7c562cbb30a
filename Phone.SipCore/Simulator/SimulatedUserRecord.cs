namespace Phone.SipCore.Simulator;

/// <summary>The simulator's mutable record of one user; guarded by the simulator's lock.</summary>
internal sealed class SimulatedUserRecord(SimulatedAccount account, SimulatedFeatures features)
{
    public SimulatedAccount Account { get; } = account;

    public SimulatedFeatures Features { get; set; } = features;

    public SimulatorSwitches Switches { get; set; } = SimulatorSwitches.None;

    public string? Contact { get; set; }

    public DateTimeOffset? RegisteredUntil { get; set; }

    public DialledCode? LastDialled { get; set; }

    public string? LastEvent { get; set; }
}
