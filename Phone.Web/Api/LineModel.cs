using Phone.SipCore.Transport;
using Phone.Storage.Lines;

namespace Phone.Web.Api;

/// <summary>A line's settings as <c>GET /api/lines/{n}</c> returns them; the password only as <see cref="HasPassword"/>.</summary>
public sealed record LineModel(
    int Line,
    bool Enabled,
    string Label,
    string User,
    string DisplayName,
    string AuthUser,
    bool HasPassword,
    string Registrar,
    int Port,
    SipTransportKind Transport,
    string? Proxy,
    int Expires,
    bool FeatureSync,
    int? PbxProfileId,
    bool AcceptCallsOnlyFromServer)
{
    public static LineModel From(LineView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Number, view.Enabled, view.Label, view.User, view.DisplayName, view.AuthUser, view.HasPassword,
            view.RegistrarHost, view.Port, view.Transport, view.OutboundProxy, view.RegistrationExpiry, view.FeatureSync,
            view.PbxProfileId, view.AcceptCallsOnlyFromServer);
    }
}
