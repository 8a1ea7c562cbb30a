using Phone.Storage.Provisioning;

namespace Phone.Web.Provisioning;

/// <summary>What <see cref="ProvisioningScheduler"/> drives; a seam so the schedule is tested on a fake clock alone.</summary>
public interface IProvisioningRunner
{
    Task<ProvisioningView> GetAsync(CancellationToken cancellationToken);

    Task<ProvisioningRun> FetchNowAsync(string trigger, CancellationToken cancellationToken);

    /// <summary>Fetches when the check-sync setting is on; otherwise records that the request was ignored.</summary>
    Task<ProvisioningRun> CheckSyncAsync(int line, CancellationToken cancellationToken);
}
