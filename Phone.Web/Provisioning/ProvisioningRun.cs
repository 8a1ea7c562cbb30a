using Phone.Storage.ConfigFile;
using Phone.Storage.Provisioning;

namespace Phone.Web.Provisioning;

/// <summary>The recorded attempt, and the file's errors by line when it was rejected.</summary>
public sealed record ProvisioningRun(ProvisioningAttempt Attempt, IReadOnlyList<ConfigFileMessage> Errors);
