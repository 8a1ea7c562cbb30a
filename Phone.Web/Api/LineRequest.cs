using Phone.SipCore.Configuration;
using Phone.SipCore.Transport;

namespace Phone.Web.Api;

/// <summary>
/// The body of <c>PUT /api/lines/{n}</c>: the whole line, so members left out take their
/// defaults (a null <see cref="PbxProfileId"/> means no profile). The one exception is
/// <see cref="Password"/>: absent keeps the stored password, empty clears it.
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
    int? PbxProfileId,
    bool? AcceptCallsOnlyFromServer)
{
    public LineSettings ToSettings(int number)
    {
        var defaults = new LineSettings { Number = number };
        return defaults with
        {
            Enabled = Enabled ?? defaults.Enabled,
            Label = Label ?? defaults.Label,
            User = User ?? defaults.User,
            DisplayName = DisplayName ?? defaults.DisplayName,
            AuthUser = AuthUser ?? defaults.AuthUser,
            Password = Password,
            RegistrarHost = Registrar ?? defaults.RegistrarHost,
            Port = Port ?? defaults.Port,
            Transport = Transport ?? defaults.Transport,
            OutboundProxy = string.IsNullOrEmpty(Proxy) ? null : Proxy,
            RegistrationExpiry = Expires ?? defaults.RegistrationExpiry,
            FeatureSync = FeatureSync ?? defaults.FeatureSync,
            PbxProfileId = PbxProfileId,
            AcceptCallsOnlyFromServer = AcceptCallsOnlyFromServer ?? defaults.AcceptCallsOnlyFromServer,
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
