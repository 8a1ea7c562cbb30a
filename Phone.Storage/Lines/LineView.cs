using Phone.SipCore.Transport;
using Phone.SipCore.Configuration;

namespace Phone.Storage.Lines;

/// <summary>
/// A stored line as every read path sees it: the password is reduced to
/// <see cref="HasPassword"/>, so it cannot leak to a page, the API or an export.
/// </summary>
/// <param name="ContactToken">
/// The line's token for its Contact URI (<c>;line=k3f9a2</c>): given by storage, never a
/// setting, so <see cref="ToSettings"/> and the config file leave it out.
/// </param>
public sealed record LineView(
    int Number,
    bool Enabled,
    string Label,
    string User,
    string DisplayName,
    string AuthUser,
    bool HasPassword,
    string RegistrarHost,
    int Port,
    SipTransportKind Transport,
    string? OutboundProxy,
    int RegistrationExpiry,
    bool FeatureSync,
    int? PbxProfileId,
    bool AcceptCallsOnlyFromServer,
    string ContactToken)
{
    /// <summary>Settings equal to this view with the password kept (null).</summary>
    public LineSettings ToSettings() => new()
    {
        Number = Number,
        Enabled = Enabled,
        Label = Label,
        User = User,
        DisplayName = DisplayName,
        AuthUser = AuthUser,
        Password = null,
        RegistrarHost = RegistrarHost,
        Port = Port,
        Transport = Transport,
        OutboundProxy = OutboundProxy,
        RegistrationExpiry = RegistrationExpiry,
        FeatureSync = FeatureSync,
        PbxProfileId = PbxProfileId,
        AcceptCallsOnlyFromServer = AcceptCallsOnlyFromServer,
    };
}
