using System.Net;
using Phone.SipCore.Configuration;

namespace Phone.SipCore.Simulator;

/// <summary>Where the simulated PBX listens, who may use it and how it behaves.</summary>
public sealed record PbxSimulatorOptions
{
    /// <summary>Loopback only: the simulator is a demo and test tool, never a server on the network.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>UDP port; 0 lets the system pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>Digest realm of the challenges (RFC 3261 22.1).</summary>
    public string Realm { get; init; } = "featuresync-simulator";

    public IReadOnlyList<SimulatedAccount> Accounts { get; init; } = [];

    /// <summary>How dialled codes are read when an account names no preset of its own.</summary>
    public PbxProfile CodeProfile { get; init; } = PbxPresets.YeastarS;

    /// <summary>After the ACK of a feature-code call, how long the "prompt" plays before our BYE.</summary>
    public TimeSpan HangUpAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest registration granted; shorter requests are granted as asked.</summary>
    public int MaxRegistrationExpires { get; init; } = 3600;

    /// <summary>Longest subscription granted (RFC 6665 4.2.1.1: the notifier may shorten it).</summary>
    public int MaxSubscriptionExpires { get; init; } = 3600;

    /// <summary>Rings before a no-answer forward when nobody has said otherwise.</summary>
    public int DefaultRingCount { get; init; } = 3;

    /// <summary>Boundary of the full-state multipart NOTIFY body (RFC 2046 5.1.1).</summary>
    public string Boundary { get; init; } = "featuresync-simulator-boundary";
}
