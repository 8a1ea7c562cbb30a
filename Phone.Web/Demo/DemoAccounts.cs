using Phone.SipCore.Configuration;
using Phone.SipCore.Simulator;

namespace Phone.Web.Demo;

/// <summary>
/// The three demo users and their lines: line 1 BroadWorks-style (as-feature-event), line 2 a
/// Yeastar S-series PBX dialled by feature codes, line 3 FortiVoice-style (the subscription both
/// ways whatever the sync switch, codes when it is refused). Fixed passwords: the simulator
/// listens on loopback only and exists for the demo.
/// </summary>
public static class DemoAccounts
{
    public const string BroadWorksUser = "2001";
    public const string YeastarUser = "2002";
    public const string FortiVoiceUser = "2003";

    /// <summary>
    /// The FortiVoice preset has no codes (they are site-specific); the demo fills in the
    /// BroadWorks FACs so the fallback of docs/protocol.md 3 can be tried with the 489 switch.
    /// </summary>
    public static PbxProfile FortiVoiceProfile { get; } = PbxPresets.FortiVoice with
    {
        DndOnCode = "*78", DndOffCode = "*79",
        ForwardAlwaysOnCode = "*72", ForwardAlwaysOffCode = "*73",
        ForwardBusyOnCode = "*90", ForwardBusyOffCode = "*91",
        ForwardNoAnswerOnCode = "*92", ForwardNoAnswerOffCode = "*93",
    };

    /// <summary>Reads the BroadWorks FACs (*78...) a line dials when the notifier answers 489.</summary>
    public static SimulatedAccount BroadWorks { get; } = new(BroadWorksUser, "demo-2001", PbxPresets.BroadWorks);

    public static SimulatedAccount Yeastar { get; } = new(YeastarUser, "demo-2002", PbxPresets.YeastarS);

    public static SimulatedAccount FortiVoice { get; } = new(FortiVoiceUser, "demo-2003", FortiVoiceProfile);

    public static IReadOnlyList<SimulatedAccount> All { get; } = [BroadWorks, Yeastar, FortiVoice];
}
