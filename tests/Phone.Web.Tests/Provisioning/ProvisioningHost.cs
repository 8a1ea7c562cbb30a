using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Lines;
using Phone.Storage.Provisioning;
using Phone.TestSupport;
using Phone.Web.Provisioning;

namespace Phone.Web.Tests.Provisioning;

/// <summary>
/// The real host with short provisioning timings, and the one way the provisioning tests point
/// it at a server: save the settings (checked) with the schedule off.
/// </summary>
internal sealed class ProvisioningHost : IDisposable
{
    public ProvisioningHost(TimeSpan? timeout = null)
    {
        Factory = new PhoneWebFactory().WithServices(services =>
            services.AddSingleton(new ProvisioningOptions
            {
                Timeout = timeout ?? TimeSpan.FromSeconds(5),
                FirstRetryDelay = TimeSpan.FromMilliseconds(20),
                MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            }));
        _ = Factory.Services;
    }

    public PhoneWebFactory Factory { get; }

    public ProvisioningService Service => Factory.Services.GetRequiredService<ProvisioningService>();

    public LineRepository Lines => Factory.Services.GetRequiredService<LineRepository>();

    /// <summary>Points the phone at <paramref name="url"/> (placeholders kept as written).</summary>
    public async Task UseAsync(string url, string deviceId, string user = "", string? password = null, string caPem = "", bool checkSync = true)
    {
        var saved = await Service.SaveAsync(new ProvisioningSettings
        {
            Url = url.Replace("%7Bid%7D", "{id}", StringComparison.Ordinal), DeviceId = deviceId, User = user, Password = password,
            CaCertificatePem = caPem, IntervalHours = 0, CheckSync = checkSync,
        }, default);
        Assert.True(saved.IsSaved, string.Join(" ", saved.Errors));
    }

    public void Dispose() => Factory.Dispose();
}
