using System.Security.Cryptography.X509Certificates;
using Phone.Storage.Provisioning;

namespace Phone.Web.Provisioning;

/// <summary>One provisioning fetch: the expanded URL, Basic credentials, the extra CA, and the validators to send.</summary>
public sealed record FetchRequest(Uri Url, string User, string? Password, X509Certificate2Collection? ExtraRoots,
    ProvisioningCacheValidators? Validators)
{
    // Records print every member; a password must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Url = {(Url is null ? "" : ProvisioningUrl.Redact(Url.ToString()))}, User = {User}, Password = ***");
        return true;
    }
}
