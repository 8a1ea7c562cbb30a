using Phone.Storage.Provisioning;
using Phone.Web.Provisioning;

namespace Phone.Web.Api;

/// <summary>One provisioning attempt as the API shows it; <see cref="Errors"/> only for a rejected file, by line.</summary>
public sealed record ProvisioningAttemptModel(
    DateTimeOffset Time,
    string Trigger,
    string Url,
    int? HttpStatus,
    string? ETag,
    long Bytes,
    int Tries,
    string Outcome,
    string Detail,
    IReadOnlyList<ConfigErrorModel> Errors)
{
    public static ProvisioningAttemptModel From(ProvisioningAttempt attempt) => From(attempt, []);

    public static ProvisioningAttemptModel From(ProvisioningRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return From(run.Attempt, [.. run.Errors.Select(e => new ConfigErrorModel(e.LineNumber, e.Message))]);
    }

    private static ProvisioningAttemptModel From(ProvisioningAttempt attempt, IReadOnlyList<ConfigErrorModel> errors)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new(attempt.Time, attempt.Trigger, attempt.Url, attempt.HttpStatus, attempt.ETag, attempt.Bytes, attempt.Tries,
            attempt.Outcome.ToString(), attempt.Detail, errors);
    }
}

/// <summary>An error of a configuration file: its line (1-based; 0 for the whole file) and what is wrong.</summary>
public sealed record ConfigErrorModel(int Line, string Message);
