using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Configuration;

/// <summary>
/// How one PBX does feature sync: the method, its feature codes and their dial pattern.
/// A code left empty means the PBX has none for that action.
/// </summary>
public sealed record PbxProfile
{
    public const string DefaultEventPackage = "as-feature-event";
    public const string DefaultForwardPattern = "{code}{number}";
    public const string CodePlaceholder = "{code}";
    public const string NumberPlaceholder = "{number}";
    public const int DefaultSecondsPerRing = 6;

    /// <summary>Database id; 0 for a profile not stored yet (and for presets).</summary>
    public int Id { get; init; }

    public required string Name { get; init; }

    public SyncMethod Method { get; init; } = SyncMethod.FeatureCodes;

    /// <summary>Whether uaCSTA INFO requests from the server are applied (protocol.md 4).</summary>
    public bool AcceptUaCsta { get; init; }

    public string DndOnCode { get; init; } = "";
    public string DndOffCode { get; init; } = "";
    public string ForwardAlwaysOnCode { get; init; } = "";
    public string ForwardAlwaysOffCode { get; init; } = "";
    public string ForwardBusyOnCode { get; init; } = "";
    public string ForwardBusyOffCode { get; init; } = "";
    public string ForwardNoAnswerOnCode { get; init; } = "";
    public string ForwardNoAnswerOffCode { get; init; } = "";

    /// <summary>How an on-code and a forward number combine, e.g. <c>{code}*{number}#</c>.</summary>
    public string ForwardPattern { get; init; } = DefaultForwardPattern;

    /// <summary>Converts a ring count to seconds for display; servers differ (protocol.md 5).</summary>
    public int SecondsPerRing { get; init; } = DefaultSecondsPerRing;

    /// <summary>SUBSCRIBE event package; FortiVoice's is undocumented, so it is editable.</summary>
    public string EventPackage { get; init; } = DefaultEventPackage;

    /// <summary>
    /// Hosts trusted besides the line's own registrar and proxy (the other members of a server
    /// cluster), as the administrator wrote them: comma-separated addresses, CIDR ranges and
    /// host names; empty for none. Read it with <see cref="TrustedHostList.TryParse"/>.
    /// </summary>
    public string TrustedHosts { get; init; } = "";

    /// <summary>
    /// Whether a line using this profile can sync at all: the event methods always can,
    /// plain feature codes only once at least one code is set.
    /// </summary>
    public bool CanSync => Method switch
    {
        SyncMethod.AsFeatureEvent => true,
        SyncMethod.FeatureCodesWithAsFeatureEventDnd => true,
        SyncMethod.FeatureCodes => OnCode(FeatureKind.Dnd).Length > 0
            || OnCode(FeatureKind.ForwardAlways).Length > 0
            || OnCode(FeatureKind.ForwardBusy).Length > 0
            || OnCode(FeatureKind.ForwardNoAnswer).Length > 0,
        _ => false,
    };

    public string OnCode(FeatureKind kind) => kind switch
    {
        FeatureKind.Dnd => DndOnCode,
        FeatureKind.ForwardAlways => ForwardAlwaysOnCode,
        FeatureKind.ForwardBusy => ForwardBusyOnCode,
        FeatureKind.ForwardNoAnswer => ForwardNoAnswerOnCode,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature."),
    };

    public string OffCode(FeatureKind kind) => kind switch
    {
        FeatureKind.Dnd => DndOffCode,
        FeatureKind.ForwardAlways => ForwardAlwaysOffCode,
        FeatureKind.ForwardBusy => ForwardBusyOffCode,
        FeatureKind.ForwardNoAnswer => ForwardNoAnswerOffCode,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature."),
    };

    /// <summary>
    /// The digits to dial to switch <paramref name="kind"/> on or off, or null when the
    /// profile has no code for it. Forward on-codes always get the number appended, because
    /// a bare code may start an interactive prompt (protocol.md 2).
    /// </summary>
    public string? DialString(FeatureKind kind, bool enable, string? number = null)
    {
        var code = enable ? OnCode(kind) : OffCode(kind);
        if (code.Length == 0)
        {
            return null;
        }
        if (!enable || kind == FeatureKind.Dnd)
        {
            return code;
        }
        if (string.IsNullOrEmpty(number))
        {
            return null;
        }
        return ForwardPattern.Replace(CodePlaceholder, code, StringComparison.Ordinal)
            .Replace(NumberPlaceholder, number, StringComparison.Ordinal);
    }
}
