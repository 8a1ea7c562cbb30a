using FluentValidation;
using Phone.SipCore.Lines;
using Phone.Storage.ConfigFile;
using Phone.Storage.Provisioning;
using Phone.Storage.Recovery;
using Phone.Web.Application;

namespace Phone.Web.Provisioning;

/// <summary>
/// Auto-provisioning: stores its settings, fetches the phone's file and applies it through
/// <see cref="SettingsService.ImportConfigAsync"/> (all or nothing, the changed lines
/// re-applied), records every attempt, and takes the lines' check-sync requests. One fetch
/// runs at a time; the schedule, the page and check-sync queue behind each other.
/// </summary>
public sealed class ProvisioningService(
    ProvisioningRepository repository,
    ProvisioningFetcher fetcher,
    SettingsService settings,
    DeviceIdentity device,
    ProvisioningSchedule schedule,
    TimeProvider time,
    GoodCopies goodCopies,
    ILogger<ProvisioningService> logger) : IProvisioningRunner, ICheckSyncListener, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string DefaultDeviceId => device.Mac;

    public Task<ProvisioningView> GetAsync(CancellationToken cancellationToken) => repository.GetAsync(cancellationToken);

    public Task<IReadOnlyList<ProvisioningAttempt>> GetAttemptsAsync(int count, CancellationToken cancellationToken) =>
        repository.GetAttemptsAsync(count, cancellationToken);

    /// <summary>The device id <c>{id}</c> stands for: the configured one, else the MAC.</summary>
    public string DeviceId(ProvisioningView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return device.DeviceId(view.DeviceId);
    }

    /// <summary>Validates and stores the settings (nothing changes on a broken rule), then reschedules.</summary>
    public async Task<SaveResult<ProvisioningView>> SaveAsync(ProvisioningSettings value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        ProvisioningView saved;
        try
        {
            saved = await repository.SaveAsync(value, cancellationToken);
        }
        catch (ValidationException ex)
        {
            return SaveResult<ProvisioningView>.Invalid(ex.Errors);
        }
        goodCopies.RequestCopy();
        schedule.SettingsChanged();
        return SaveResult<ProvisioningView>.Saved(saved);
    }

    /// <summary>Called on a line's queue: only hands the request to the scheduler.</summary>
    public void CheckSyncRequested(int line, bool reboot) => schedule.CheckSyncRequested(line);

    public async Task<ProvisioningRun> CheckSyncAsync(int line, CancellationToken cancellationToken)
    {
        var view = await repository.GetAsync(cancellationToken);
        if (view.CheckSync)
        {
            return await FetchNowAsync($"check-sync (line {line})", cancellationToken);
        }
        var attempt = new ProvisioningAttempt(time.GetUtcNow(), $"check-sync (line {line})", view.Url, null, null, 0, 0,
            ProvisioningOutcome.CheckSyncIgnored, "check-sync ignored (off)");
        return await RecordAsync(attempt, [], cancellationToken);
    }

    /// <summary>Fetches the file now and applies it if it changed; the attempt is recorded whatever happens.</summary>
    public async Task<ProvisioningRun> FetchNowAsync(string trigger, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var view = await repository.GetAsync(cancellationToken);
            if (view.Url.Length == 0)
            {
                return await RecordAsync(new ProvisioningAttempt(time.GetUtcNow(), trigger, "", null, null, 0, 0,
                    ProvisioningOutcome.NotConfigured, "No provisioning URL is set."), [], cancellationToken);
            }
            var url = new Uri(ProvisioningUrl.Expand(view.Url, device.Mac, DeviceId(view)));
            var password = view.User.Length > 0 ? await repository.ReadPasswordAsync(cancellationToken) : null;
            var validators = await repository.GetValidatorsAsync(cancellationToken);
            var request = new FetchRequest(url, view.User, password, ProvisioningCertificates.Parse(view.CaCertificatePem), validators);
            var response = await fetcher.FetchAsync(request, cancellationToken);
            return await ApplyAsync(trigger, url.ToString(), response, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ProvisioningRun> ApplyAsync(string trigger, string url, FetchResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (response.Body is not { } text)
        {
            return await RecordAsync(new ProvisioningAttempt(now, trigger, url, response.HttpStatus, response.ETag, response.Bytes,
                response.Tries, response.Failure ?? ProvisioningOutcome.HttpError, response.Detail), [], cancellationToken);
        }
        var result = await settings.ImportConfigAsync(text, cancellationToken);
        if (!result.Applied)
        {
            // The stored validators stay those of the last applied file, so the bad file is fetched
            // (and reported) again until it is fixed.
            return await RecordAsync(new ProvisioningAttempt(now, trigger, url, response.HttpStatus, response.ETag, response.Bytes,
                response.Tries, ProvisioningOutcome.Rejected, string.Join('\n', result.Errors)), result.Errors, cancellationToken);
        }
        var changed = DescribeChanges(result);
        await repository.SetAppliedAsync(new ProvisioningCacheValidators(url, response.ETag, response.LastModified), changed,
            cancellationToken);
        return await RecordAsync(new ProvisioningAttempt(now, trigger, url, response.HttpStatus, response.ETag, response.Bytes,
            response.Tries, ProvisioningOutcome.Applied, changed), [], cancellationToken);
    }

    private async Task<ProvisioningRun> RecordAsync(ProvisioningAttempt attempt, IReadOnlyList<ConfigFileMessage> errors,
        CancellationToken cancellationToken)
    {
        var recorded = await repository.RecordAsync(attempt, cancellationToken);
        logger.LogInformation("Provisioning ({Trigger}) {Url}: {Outcome} {Detail}", recorded.Trigger, recorded.Url,
            recorded.Outcome, recorded.Detail);
        schedule.RaiseChanged();
        return new ProvisioningRun(recorded, errors);
    }

    /// <summary>"lines 1, 2; PBX profiles 3", or "nothing changed".</summary>
    public static string DescribeChanges(ConfigImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parts = new List<string>();
        if (result.LinesChanged.Count > 0)
        {
            parts.Add("lines " + string.Join(", ", result.LinesChanged));
        }
        if (result.ProfilesChanged.Count > 0)
        {
            parts.Add("PBX profiles " + string.Join(", ", result.ProfilesChanged));
        }
        return parts.Count == 0 ? "nothing changed" : string.Join("; ", parts);
    }

    public void Dispose() => _gate.Dispose();
}
