namespace Phone.SipCore.Configuration;

/// <summary>
/// Built-in PBX profiles with the default codes of protocol.md section 2. They are
/// starting points: storage copies one into an editable profile.
/// </summary>
public static class PbxPresets
{
    private const string ImsPattern = "{code}*{number}#";

    public static PbxProfile ThreeCx { get; } = new()
    {
        Name = "3CX",
        Method = SyncMethod.FeatureCodes,
        // Newer 3CX pushes DND by uaCSTA (protocol.md 4).
        AcceptUaCsta = true,
        DndOnCode = "*32",
        DndOffCode = "*30",
    };

    public static PbxProfile YeastarS { get; } = new()
    {
        Name = "Yeastar S-series",
        DndOnCode = "*74", DndOffCode = "*074",
        ForwardAlwaysOnCode = "*71", ForwardAlwaysOffCode = "*071",
        ForwardBusyOnCode = "*72", ForwardBusyOffCode = "*072",
        ForwardNoAnswerOnCode = "*73", ForwardNoAnswerOffCode = "*073",
    };

    public static PbxProfile YeastarP { get; } = new()
    {
        Name = "Yeastar P-series",
        ForwardAlwaysOnCode = "*31", ForwardAlwaysOffCode = "*031",
        ForwardBusyOnCode = "*32", ForwardBusyOffCode = "*032",
        ForwardNoAnswerOnCode = "*33", ForwardNoAnswerOffCode = "*033",
    };

    public static PbxProfile FreePbx { get; } = new()
    {
        Name = "FreePBX/Asterisk",
        DndOnCode = "*78", DndOffCode = "*79",
        ForwardAlwaysOnCode = "*72", ForwardAlwaysOffCode = "*73",
        ForwardBusyOnCode = "*90", ForwardBusyOffCode = "*91",
        ForwardNoAnswerOnCode = "*52", ForwardNoAnswerOffCode = "*53",
    };

    /// <summary>Syncs by <c>as-feature-event</c>; the FAC codes are kept for a switch to codes.</summary>
    public static PbxProfile BroadWorks { get; } = new()
    {
        Name = "BroadWorks",
        Method = SyncMethod.AsFeatureEvent,
        DndOnCode = "*78", DndOffCode = "*79",
        ForwardAlwaysOnCode = "*72", ForwardAlwaysOffCode = "*73",
        ForwardBusyOnCode = "*90", ForwardBusyOffCode = "*91",
        ForwardNoAnswerOnCode = "*92", ForwardNoAnswerOffCode = "*93",
    };

    public static PbxProfile Metaswitch { get; } = new()
    {
        Name = "Metaswitch",
        Method = SyncMethod.AsFeatureEvent,
        ForwardAlwaysOnCode = "*72", ForwardAlwaysOffCode = "*73",
        ForwardBusyOnCode = "*90", ForwardBusyOffCode = "*91",
    };

    /// <summary>
    /// DND and forwards travel by SUBSCRIBE/NOTIFY; the codes (site-specific, undocumented) are
    /// the fallback when the subscription is refused, so an administrator fills them in.
    /// </summary>
    public static PbxProfile FortiVoice { get; } = new()
    {
        Name = "FortiVoice",
        Method = SyncMethod.FeatureCodesWithAsFeatureEventDnd,
    };

    /// <summary>Operator-specific: the IMS-style row is only a starting point.</summary>
    public static PbxProfile HuaweiIms { get; } = ImsStyle("Huawei IMS");

    public static PbxProfile ZteIms { get; } = ImsStyle("ZTE IMS");

    /// <summary>No codes: nothing is sent until an administrator fills them in.</summary>
    public static PbxProfile Generic { get; } = new() { Name = "Generic" };

    public static IReadOnlyList<PbxProfile> All { get; } =
        [ThreeCx, YeastarS, YeastarP, FreePbx, BroadWorks, Metaswitch, FortiVoice, HuaweiIms, ZteIms, Generic];

    /// <summary>The preset named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static PbxProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static PbxProfile ImsStyle(string name) => new()
    {
        Name = name,
        ForwardAlwaysOnCode = "*57", ForwardAlwaysOffCode = "#57#",
        ForwardBusyOnCode = "*40", ForwardBusyOffCode = "#40#",
        ForwardNoAnswerOnCode = "*41", ForwardNoAnswerOffCode = "#41#",
        ForwardPattern = ImsPattern,
    };
}
