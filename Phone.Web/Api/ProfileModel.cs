using Phone.SipCore.Configuration;

namespace Phone.Web.Api;

/// <summary>A PBX profile in the API, with whether it can sync and which lines use it.</summary>
public sealed record ProfileModel(
    int Id,
    string Name,
    SyncMethod Method,
    bool AcceptUaCsta,
    string DndOnCode,
    string DndOffCode,
    string ForwardAlwaysOnCode,
    string ForwardAlwaysOffCode,
    string ForwardBusyOnCode,
    string ForwardBusyOffCode,
    string ForwardNoAnswerOnCode,
    string ForwardNoAnswerOffCode,
    string ForwardPattern,
    int SecondsPerRing,
    string EventPackage,
    string TrustedHosts,
    bool CanSync,
    IReadOnlyList<int> UsedByLines)
{
    public static ProfileModel From(PbxProfile p, IReadOnlyList<int> usedByLines)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Name, p.Method, p.AcceptUaCsta, p.DndOnCode, p.DndOffCode, p.ForwardAlwaysOnCode,
            p.ForwardAlwaysOffCode, p.ForwardBusyOnCode, p.ForwardBusyOffCode, p.ForwardNoAnswerOnCode,
            p.ForwardNoAnswerOffCode, p.ForwardPattern, p.SecondsPerRing, p.EventPackage, p.TrustedHosts, p.CanSync, usedByLines);
    }
}
