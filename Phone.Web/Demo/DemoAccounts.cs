using Phone.SipCore.Configuration;
using Phone.SipCore.Simulator;

namespace Phone.Web.Demo;

/// <summary>
/// The two demo users and their lines: line 1 BroadWorks-style (as-feature-event), line 2 a
/// Yeastar S-series PBX dialled by feature codes. Fixed passwords: the simulator listens on
/// loopback only and exists for the demo.
/// </summary>
public static class DemoAccounts
{
    public const string BroadWorksUser = "2001";
    public const string YeastarUser = "2002";

    /// <summary>Reads the BroadWorks FACs (*78...) a line dials when the notifier answers 489.</summary>
    public static SimulatedAccount BroadWorks { get; } = new(BroadWorksUser, "demo-2001", PbxPresets.BroadWorks);

    public static SimulatedAccount Yeastar { get; } = new(YeastarUser, "demo-2002", PbxPresets.YeastarS);

    public static IReadOnlyList<SimulatedAccount> All { get; } = [BroadWorks, Yeastar];
}
