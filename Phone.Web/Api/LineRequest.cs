using Phone.SipCore.Configuration;
using Phone.SipCore.Transport;

namespace Phone.Web.Api;

/// <summary>
/// The body of <c>PUT /api/lines/{n}</c>. Members left out keep their stored values; an
/// absent <see cref="Password"/> keeps the stored password, an empty one clears it.
/// </summary>
public sealed record LineRequest(
    bool? Enabled,
    string? Label,
    string? User,
    string? DisplayName,
    string? AuthUser,
    string? Password,
    string? Registrar,
    int? Port,
    SipTransportKind? Transport,
    string? Proxy,
    int? Expires,
    bool? FeatureSync,
    int? PbxProfileId)
{
    public LineSettings ApplyTo(LineSettings stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored with
        {
            Enabled = Enabled ?? stored.Enabled,
            Label = Label ?? stored.Label,
            User = User ?? stored.User,
            DisplayName = DisplayName ?? stored.DisplayName,
            AuthUser = AuthUser ?? stored.AuthUser,
            Password = Password,
            RegistrarHost = Registrar ?? stored.RegistrarHost,
            Port = Port ?? stored.Port,
            Transport = Transport ?? stored.Transport,
            OutboundProxy = Proxy ?? stored.OutboundProxy,
            RegistrationExpiry = Expires ?? stored.RegistrationExpiry,
            FeatureSync = FeatureSync ?? stored.FeatureSync,
            PbxProfileId = PbxProfileId ?? stored.PbxProfileId,
        };
    }

    /// <summary>The API's name for a <see cref="LineSettings"/> member, for field errors.</summary>
    public static string FieldName(string property) => property switch
    {
        nameof(LineSettings.Number) => "line",
        nameof(LineSettings.RegistrarHost) => "registrar",
        nameof(LineSettings.OutboundProxy) => "proxy",
        nameof(LineSettings.RegistrationExpiry) => "expires",
        _ => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property),
    };

    // Records print every member; a password must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Enabled = {Enabled}, User = {User}, Registrar = {Registrar}, Password = {(Password is null ? "(keep)" : "***")}");
        return true;
    }
}
