namespace Phone.Storage.Provisioning;

/// <summary>
/// One fetch of the provisioning file as recorded. <see cref="Url"/> never holds credentials
/// (<see cref="ProvisioningUrl.Redact"/>); <see cref="Detail"/> holds the errors of a rejected
/// file one per line ("line 3: ...").
/// </summary>
public sealed record ProvisioningAttempt(
    DateTimeOffset Time,
    string Trigger,
    string Url,
    int? HttpStatus,
    string? ETag,
    long Bytes,
    int Tries,
    ProvisioningOutcome Outcome,
    string Detail)
{
    public long Id { get; init; }
}
