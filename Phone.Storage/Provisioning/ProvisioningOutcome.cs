namespace Phone.Storage.Provisioning;

/// <summary>How one provisioning attempt ended.</summary>
public enum ProvisioningOutcome
{
    /// <summary>The file was fetched and applied (it may have changed nothing).</summary>
    Applied,
    /// <summary>304: the file has not changed since it was last applied; nothing was re-applied.</summary>
    NotModified,
    /// <summary>The file has errors; nothing was changed (errors by line in the detail).</summary>
    Rejected,
    /// <summary>The server refused the credentials (401/403).</summary>
    Unauthorized,
    /// <summary>The server has no file for this phone (404/410).</summary>
    NotFound,
    /// <summary>Any other HTTP error status, after the retries 5xx get.</summary>
    HttpError,
    /// <summary>The body is larger than the limit; it was not read further.</summary>
    TooLarge,
    /// <summary>No answer in time, after the retries.</summary>
    Timeout,
    /// <summary>Connection or TLS failure, after the retries.</summary>
    NetworkError,
    /// <summary>No URL is set.</summary>
    NotConfigured,
    /// <summary>A check-sync NOTIFY arrived while the check-sync setting is off.</summary>
    CheckSyncIgnored,
}
