namespace Phone.Storage.Provisioning;

/// <summary>What is wrong with a provisioning URL template.</summary>
/// <param name="Code">The error code (<c>ValidationCodes</c>) the web layer words in the reader's language.</param>
/// <param name="Placeholder">The unknown placeholder, e.g. <c>{serial}</c>; null for other problems.</param>
/// <param name="Message">The English fallback.</param>
public sealed record ProvisioningUrlProblem(string Code, string? Placeholder, string Message);
