namespace Phone.Web.Provisioning;

/// <summary>The limits of a provisioning fetch. Tests shorten the times; production keeps these.</summary>
public sealed record ProvisioningOptions
{
    /// <summary>One try, headers and body together.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A configuration file is a few kilobytes; anything past this is not one.</summary>
    public long MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Tries per fetch, counting the first; only network errors, timeouts and 5xx are retried.</summary>
    public int Tries { get; init; } = 3;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>± this fraction of the interval, so a fleet started together does not arrive together.</summary>
    public double Spread { get; init; } = 0.10;
}
