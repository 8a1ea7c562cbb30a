using Phone.SipCore.Auth;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Usages;

/// <summary>
/// What a line needs to talk to its server: the address of record, credentials and where to
/// send. Built from the line's settings; the password never leaves the SIP core.
/// </summary>
public sealed record SipAccount
{
    public required string User { get; init; }

    public string DisplayName { get; init; } = "";

    /// <summary>Digest user; empty means <see cref="User"/>.</summary>
    public string AuthUser { get; init; } = "";

    public string Password { get; init; } = "";

    /// <summary>The registrar / domain: a host name, IPv4 or IPv6 literal.</summary>
    public required string Domain { get; init; }

    /// <summary>Explicit port; null lets DNS SRV choose (RFC 3263).</summary>
    public int? Port { get; init; }

    public SipTransportKind Transport { get; init; } = SipTransportKind.Udp;

    /// <summary>Optional outbound proxy as host or host:port; requests are sent there instead.</summary>
    public string? OutboundProxy { get; init; }

    /// <summary>
    /// The line's token in its Contact (<c>;line=...</c>), so requests to this line are told apart
    /// from those to another line with the same user on another server; null for none.
    /// </summary>
    public string? ContactToken { get; init; }

    /// <summary>Requested registration lifetime in seconds.</summary>
    public int RegistrationExpiry { get; init; } = 3600;

    public DigestCredentials? Credentials =>
        Password.Length == 0 && AuthUser.Length == 0 ? null : new DigestCredentials(AuthUser.Length > 0 ? AuthUser : User, Password);

    /// <summary>Domain with brackets around an IPv6 literal (RFC 3261 25.1).</summary>
    public string DomainHost => Domain.Contains(':', StringComparison.Ordinal) && !Domain.StartsWith('[') ? $"[{Domain}]" : Domain;

    /// <summary>sip:user@domain, the address of record.</summary>
    public string AddressOfRecord => $"sip:{User}@{DomainHost}";

    /// <summary>Request-URI of REGISTER (RFC 3261 10.2: the domain, no user part).</summary>
    public string RegistrarUri => Port is { } p ? $"sip:{DomainHost}:{p}" : $"sip:{DomainHost}";

    // Records print every member; the password must never reach a log or an exception text.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"User = {User}, DisplayName = {DisplayName}, AuthUser = {AuthUser}, Password = {(Password.Length == 0 ? "(none)" : "***")}, ");
        builder.Append($"Domain = {Domain}, Port = {Port}, Transport = {Transport}, OutboundProxy = {OutboundProxy}, ");
        builder.Append($"ContactToken = {ContactToken}, RegistrationExpiry = {RegistrationExpiry}");
        return true;
    }
}
