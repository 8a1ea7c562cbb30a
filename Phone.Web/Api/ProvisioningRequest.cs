using Phone.Storage.Provisioning;

namespace Phone.Web.Api;

/// <summary>
/// The body of <c>PUT /api/provisioning</c>: the whole settings, so members left out take their
/// defaults; except <see cref="Password"/>: absent keeps the stored one, empty clears it.
/// </summary>
public sealed record ProvisioningRequest(
    string? Url,
    string? DeviceId,
    string? User,
    string? Password,
    string? CaCertificatePem,
    int? IntervalHours,
    bool? CheckSync)
{
    public ProvisioningSettings ToSettings()
    {
        var defaults = new ProvisioningSettings();
        return defaults with
        {
            Url = Url ?? defaults.Url,
            DeviceId = DeviceId ?? defaults.DeviceId,
            User = User ?? defaults.User,
            Password = Password,
            CaCertificatePem = CaCertificatePem ?? defaults.CaCertificatePem,
            IntervalHours = IntervalHours ?? defaults.IntervalHours,
            CheckSync = CheckSync ?? defaults.CheckSync,
        };
    }

    // Records print every member; a password must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Url = {(Url is null ? null : ProvisioningUrl.Redact(Url))}, User = {User}, Password = {(Password is null ? "(keep)" : "***")}");
        return true;
    }
}
