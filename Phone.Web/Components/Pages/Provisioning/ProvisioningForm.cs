using Phone.Storage.Provisioning;

namespace Phone.Web.Components.Pages.Provisioning;

/// <summary>The page's editable copy of the settings (inputs bind to settable properties); the password is kept apart.</summary>
public sealed class ProvisioningForm
{
    public string Url { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string User { get; set; } = "";
    public string CaCertificatePem { get; set; } = "";
    public int IntervalHours { get; set; }
    public bool CheckSync { get; set; }

    public static ProvisioningForm From(ProvisioningView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new()
        {
            Url = view.Url, DeviceId = view.DeviceId, User = view.User, CaCertificatePem = view.CaCertificatePem,
            IntervalHours = view.IntervalHours, CheckSync = view.CheckSync,
        };
    }

    public ProvisioningSettings ToSettings(string? password) => new()
    {
        Url = Url ?? "", DeviceId = DeviceId ?? "", User = User ?? "", Password = password,
        CaCertificatePem = CaCertificatePem ?? "", IntervalHours = IntervalHours, CheckSync = CheckSync,
    };
}
