using Phone.SipCore.Configuration;
using Phone.SipCore.Transport;
using Phone.Storage.Lines;

namespace Phone.Web.Components.Pages.Lines;

/// <summary>
/// The line editor's bindable model. Member names match <see cref="LineSettings"/>, so the
/// shared validator's failures land beside the right fields.
/// </summary>
public sealed class LineForm
{
    public int Number { get; set; }
    public bool Enabled { get; set; }
    public string Label { get; set; } = "";
    public string User { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string AuthUser { get; set; } = "";

    /// <summary>Write-only: empty keeps the stored password unless <see cref="ClearPassword"/>.</summary>
    public string Password { get; set; } = "";
    public bool ClearPassword { get; set; }
    public bool HasPassword { get; set; }
    public string RegistrarHost { get; set; } = "";
    public int Port { get; set; } = LineSettings.DefaultPort;
    public SipTransportKind Transport { get; set; }
    public string OutboundProxy { get; set; } = "";
    public int RegistrationExpiry { get; set; } = LineSettings.DefaultRegistrationExpiry;
    public bool FeatureSync { get; set; }
    public int? PbxProfileId { get; set; }
    public bool AcceptCallsOnlyFromServer { get; set; }

    public static LineForm From(LineView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new()
        {
            Number = view.Number,
            Enabled = view.Enabled,
            Label = view.Label,
            User = view.User,
            DisplayName = view.DisplayName,
            AuthUser = view.AuthUser,
            HasPassword = view.HasPassword,
            RegistrarHost = view.RegistrarHost,
            Port = view.Port,
            Transport = view.Transport,
            OutboundProxy = view.OutboundProxy ?? "",
            RegistrationExpiry = view.RegistrationExpiry,
            FeatureSync = view.FeatureSync,
            PbxProfileId = view.PbxProfileId,
            AcceptCallsOnlyFromServer = view.AcceptCallsOnlyFromServer,
        };
    }

    public LineSettings ToSettings() => new()
    {
        Number = Number,
        Enabled = Enabled,
        Label = Label ?? "",
        User = (User ?? "").Trim(),
        DisplayName = DisplayName ?? "",
        AuthUser = (AuthUser ?? "").Trim(),
        Password = ClearPassword ? "" : string.IsNullOrEmpty(Password) ? null : Password,
        RegistrarHost = (RegistrarHost ?? "").Trim(),
        Port = Port,
        Transport = Transport,
        OutboundProxy = string.IsNullOrWhiteSpace(OutboundProxy) ? null : OutboundProxy.Trim(),
        RegistrationExpiry = RegistrationExpiry,
        FeatureSync = FeatureSync,
        PbxProfileId = PbxProfileId,
        AcceptCallsOnlyFromServer = AcceptCallsOnlyFromServer,
    };
}
