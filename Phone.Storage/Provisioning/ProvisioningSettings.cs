namespace Phone.Storage.Provisioning;

/// <summary>
/// Where and how the phone fetches its configuration file. An empty <see cref="Url"/> turns
/// provisioning off; an empty <see cref="DeviceId"/> means the phone's MAC address.
/// <see cref="Password"/>: null keeps the stored one, empty clears it.
/// </summary>
public sealed record ProvisioningSettings
{
    public string Url { get; init; } = "";
    public string DeviceId { get; init; } = "";
    public string User { get; init; } = "";
    public string? Password { get; init; }
    public string CaCertificatePem { get; init; } = "";
    /// <summary>0: no periodic fetch; 1 to 168 hours otherwise.</summary>
    public int IntervalHours { get; init; } = 24;
    /// <summary>Whether a line server's check-sync NOTIFY starts a fetch.</summary>
    public bool CheckSync { get; init; } = true;

    // Records print every member; a password must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Url = {ProvisioningUrl.Redact(Url)}, DeviceId = {DeviceId}, User = {User}, Password = {(Password is null ? "(keep)" : "***")}, ");
        builder.Append($"IntervalHours = {IntervalHours}, CheckSync = {CheckSync}");
        return true;
    }
}
