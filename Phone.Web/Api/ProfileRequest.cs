using Phone.SipCore.Configuration;

namespace Phone.Web.Api;

/// <summary>
/// The body of <c>POST /api/pbx-profiles</c> and <c>PUT /api/pbx-profiles/{id}</c>. On POST,
/// <see cref="Preset"/> copies a built-in preset (optionally renamed); without it the body is
/// the whole profile. Members left out take the preset's, the stored or the default values.
/// </summary>
public sealed record ProfileRequest(
    string? Preset,
    string? Name,
    SyncMethod? Method,
    bool? AcceptUaCsta,
    string? DndOnCode,
    string? DndOffCode,
    string? ForwardAlwaysOnCode,
    string? ForwardAlwaysOffCode,
    string? ForwardBusyOnCode,
    string? ForwardBusyOffCode,
    string? ForwardNoAnswerOnCode,
    string? ForwardNoAnswerOffCode,
    string? ForwardPattern,
    int? SecondsPerRing,
    string? EventPackage,
    string? TrustedHosts)
{
    /// <summary>A request that sets nothing.</summary>
    public static ProfileRequest Empty { get; } =
        new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public PbxProfile ApplyTo(PbxProfile start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return start with
        {
            Name = Name ?? start.Name,
            Method = Method ?? start.Method,
            AcceptUaCsta = AcceptUaCsta ?? start.AcceptUaCsta,
            DndOnCode = DndOnCode ?? start.DndOnCode,
            DndOffCode = DndOffCode ?? start.DndOffCode,
            ForwardAlwaysOnCode = ForwardAlwaysOnCode ?? start.ForwardAlwaysOnCode,
            ForwardAlwaysOffCode = ForwardAlwaysOffCode ?? start.ForwardAlwaysOffCode,
            ForwardBusyOnCode = ForwardBusyOnCode ?? start.ForwardBusyOnCode,
            ForwardBusyOffCode = ForwardBusyOffCode ?? start.ForwardBusyOffCode,
            ForwardNoAnswerOnCode = ForwardNoAnswerOnCode ?? start.ForwardNoAnswerOnCode,
            ForwardNoAnswerOffCode = ForwardNoAnswerOffCode ?? start.ForwardNoAnswerOffCode,
            ForwardPattern = ForwardPattern ?? start.ForwardPattern,
            SecondsPerRing = SecondsPerRing ?? start.SecondsPerRing,
            EventPackage = EventPackage ?? start.EventPackage,
            TrustedHosts = TrustedHosts ?? start.TrustedHosts,
        };
    }
}
