using Phone.SipCore.Configuration;

namespace Phone.Web.Components.Pages.Profiles;

/// <summary>The profile editor's bindable model; member names match <see cref="PbxProfile"/>.</summary>
public sealed class ProfileForm
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public SyncMethod Method { get; set; }
    public bool AcceptUaCsta { get; set; }
    public string DndOnCode { get; set; } = "";
    public string DndOffCode { get; set; } = "";
    public string ForwardAlwaysOnCode { get; set; } = "";
    public string ForwardAlwaysOffCode { get; set; } = "";
    public string ForwardBusyOnCode { get; set; } = "";
    public string ForwardBusyOffCode { get; set; } = "";
    public string ForwardNoAnswerOnCode { get; set; } = "";
    public string ForwardNoAnswerOffCode { get; set; } = "";
    public string ForwardPattern { get; set; } = PbxProfile.DefaultForwardPattern;
    public int SecondsPerRing { get; set; } = PbxProfile.DefaultSecondsPerRing;
    public string EventPackage { get; set; } = PbxProfile.DefaultEventPackage;
    public string TrustedHosts { get; set; } = "";

    public static ProfileForm From(PbxProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Id = p.Id, Name = p.Name, Method = p.Method, AcceptUaCsta = p.AcceptUaCsta,
            DndOnCode = p.DndOnCode, DndOffCode = p.DndOffCode,
            ForwardAlwaysOnCode = p.ForwardAlwaysOnCode, ForwardAlwaysOffCode = p.ForwardAlwaysOffCode,
            ForwardBusyOnCode = p.ForwardBusyOnCode, ForwardBusyOffCode = p.ForwardBusyOffCode,
            ForwardNoAnswerOnCode = p.ForwardNoAnswerOnCode, ForwardNoAnswerOffCode = p.ForwardNoAnswerOffCode,
            ForwardPattern = p.ForwardPattern, SecondsPerRing = p.SecondsPerRing, EventPackage = p.EventPackage,
            TrustedHosts = p.TrustedHosts,
        };
    }

    public PbxProfile ToProfile() => new()
    {
        Id = Id, Name = (Name ?? "").Trim(), Method = Method, AcceptUaCsta = AcceptUaCsta,
        DndOnCode = Code(DndOnCode), DndOffCode = Code(DndOffCode),
        ForwardAlwaysOnCode = Code(ForwardAlwaysOnCode), ForwardAlwaysOffCode = Code(ForwardAlwaysOffCode),
        ForwardBusyOnCode = Code(ForwardBusyOnCode), ForwardBusyOffCode = Code(ForwardBusyOffCode),
        ForwardNoAnswerOnCode = Code(ForwardNoAnswerOnCode), ForwardNoAnswerOffCode = Code(ForwardNoAnswerOffCode),
        ForwardPattern = (ForwardPattern ?? "").Trim(), SecondsPerRing = SecondsPerRing, EventPackage = (EventPackage ?? "").Trim(),
        TrustedHosts = (TrustedHosts ?? "").Trim(),
    };

    private static string Code(string? code) => (code ?? "").Trim();
}
