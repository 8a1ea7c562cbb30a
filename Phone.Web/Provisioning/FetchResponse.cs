using Phone.Storage.Provisioning;

namespace Phone.Web.Provisioning;

/// <summary>
/// What a fetch brought: <see cref="Body"/> set means a 2xx file to apply; otherwise
/// <see cref="Failure"/> says why not (<see cref="ProvisioningOutcome.NotModified"/> for a 304).
/// </summary>
public sealed record FetchResponse(
    ProvisioningOutcome? Failure,
    int? HttpStatus,
    string? Body,
    string? ETag,
    string? LastModified,
    long Bytes,
    int Tries,
    string Detail);
