namespace Phone.SipCore.Simulator;

/// <summary>One user as the simulated PBX sees it, for its console page and for tests.</summary>
public sealed record SimulatedUserView
{
    public required string User { get; init; }

    public required SimulatedFeatures Features { get; init; }

    /// <summary>The user's own switches (the global ones are separate).</summary>
    public SimulatorSwitches Switches { get; init; } = SimulatorSwitches.None;

    /// <summary>The registered contact, or null when not registered.</summary>
    public string? Contact { get; init; }

    public DateTimeOffset? RegisteredUntil { get; init; }

    /// <summary>Live as-feature-event subscriptions of the user.</summary>
    public int Subscriptions { get; init; }

    public DialledCode? LastDialled { get; init; }

    /// <summary>The preset whose feature codes this user's dialled codes are read with.</summary>
    public string CodeProfile { get; init; } = "";

    /// <summary>What happened last, in words, e.g. "SetDoNotDisturb on from the phone: applied".</summary>
    public string? LastEvent { get; init; }
}
