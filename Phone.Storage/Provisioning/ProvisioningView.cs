namespace Phone.Storage.Provisioning;

/// <summary>The stored provisioning settings as pages and the API may see them: never the password.</summary>
/// <param name="LastApplied">What the last applied file changed, e.g. "lines 1, 2; PBX profiles 3".</param>
public sealed record ProvisioningView(
    string Url,
    string DeviceId,
    string User,
    bool HasPassword,
    string CaCertificatePem,
    int IntervalHours,
    bool CheckSync,
    string LastApplied);
