namespace Phone.Web.Provisioning;

public static class ProvisioningHostingExtensions
{
    /// <summary>
    /// Registers auto-provisioning: the fetcher, the service (also the lines' check-sync
    /// listener) and the scheduler, which starts after the database and the SIP lines.
    /// </summary>
    public static IServiceCollection AddPhoneProvisioning(this IServiceCollection services)
    {
        services.AddSingleton(new ProvisioningOptions());
        services.AddSingleton<DeviceIdentity>();
        services.AddSingleton<ProvisioningSchedule>();
        services.AddSingleton<ProvisioningFetcher>();
        services.AddSingleton<ProvisioningService>();
        services.AddSingleton<IProvisioningRunner>(sp => sp.GetRequiredService<ProvisioningService>());
        services.AddSingleton<Phone.SipCore.Lines.ICheckSyncListener>(sp => sp.GetRequiredService<ProvisioningService>());
        services.AddHostedService<ProvisioningScheduler>();
        return services;
    }
}
