namespace Phone.Storage.Provisioning;

/// <summary>
/// The ETag and Last-Modified of the file last applied, and the URL it came from: sent back as
/// If-None-Match / If-Modified-Since (RFC 9110 13.1) only to that same URL.
/// </summary>
public sealed record ProvisioningCacheValidators(string Url, string? ETag, string? LastModified);
