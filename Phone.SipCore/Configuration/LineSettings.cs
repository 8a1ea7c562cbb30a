using Phone.SipCore.Transport;
namespace Phone.SipCore.Configuration;

/// <summary>
/// The settings of one SIP line as written by any entry path (web form, JSON API, config
/// file). <see cref="Password"/> is write-only: null means "keep the stored one", and no
/// read path ever fills it in.
/// </summary>
public sealed record LineSettings
{
    public const int DefaultPort = 5060;
    public const int DefaultRegistrationExpiry = 3600;

    public required int Number { get; init; }

    public bool Enabled { get; init; }

    public string Label { get; init; } = "";

    public string User { get; init; } = "";

    public string DisplayName { get; init; } = "";

    /// <summary>Digest user name when it differs from <see cref="User"/>; empty means the same.</summary>
    public string AuthUser { get; init; } = "";

    /// <summary>New password, or null to keep the stored one. Empty string clears it.</summary>
    public string? Password { get; init; }

    public string RegistrarHost { get; init; } = "";

    public int Port { get; init; } = DefaultPort;

    public SipTransportKind Transport { get; init; } = SipTransportKind.Udp;

    /// <summary>Optional <c>host</c> or <c>host:port</c> (IPv6 in brackets when a port follows).</summary>
    public string? OutboundProxy { get; init; }

    /// <summary>Requested registration lifetime in seconds.</summary>
    public int RegistrationExpiry { get; init; } = DefaultRegistrationExpiry;

    /// <summary>Off by default: features then run locally on the phone (protocol.md, intro).</summary>
    public bool FeatureSync { get; init; }

    public int? PbxProfileId { get; init; }

    /// <summary>
    /// Whether calls (INVITEs) are taken only from this line's registrar, proxy or the trusted
    /// hosts of its PBX profile. Off by default, as on common desk phones, so a peer-to-peer
    /// call still rings.
    /// </summary>
    public bool AcceptCallsOnlyFromServer { get; init; }

    // Keeps a password out of logs and exception texts that print the record.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Number = {Number}, Enabled = {Enabled}, Label = {Label}, User = {User}, DisplayName = {DisplayName}, ");
        builder.Append($"AuthUser = {AuthUser}, Password = {(Password is null ? "(keep)" : "***")}, RegistrarHost = {RegistrarHost}, ");
        builder.Append($"Port = {Port}, Transport = {Transport}, OutboundProxy = {OutboundProxy}, ");
        builder.Append($"RegistrationExpiry = {RegistrationExpiry}, FeatureSync = {FeatureSync}, PbxProfileId = {PbxProfileId}, ");
        builder.Append($"AcceptCallsOnlyFromServer = {AcceptCallsOnlyFromServer}");
        return true;
    }
}
