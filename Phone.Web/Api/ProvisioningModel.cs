using Phone.Storage.Provisioning;
using Phone.Web.Provisioning;

namespace Phone.Web.Api;

/// <summary>
/// <c>GET /api/provisioning</c>: the settings without the password (<see cref="HasPassword"/>
/// only), the device id in effect, the next scheduled fetch and the recent attempts.
/// </summary>
public sealed record ProvisioningModel(
    string Url,
    string DeviceId,
    string DefaultDeviceId,
    string User,
    bool HasPassword,
    string CaCertificatePem,
    int IntervalHours,
    bool CheckSync,
    DateTimeOffset? NextFetch,
    string LastApplied,
    IReadOnlyList<ProvisioningAttemptModel> Attempts)
{
    public static ProvisioningModel From(ProvisioningView view, ProvisioningService service, DateTimeOffset? nextFetch,
        IReadOnlyList<ProvisioningAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(service);
        return new(view.Url, service.DeviceId(view), service.DefaultDeviceId, view.User, view.HasPassword, view.CaCertificatePem,
            view.IntervalHours, view.CheckSync, nextFetch, view.LastApplied, [.. attempts.Select(ProvisioningAttemptModel.From)]);
    }
}
