using System.Text.RegularExpressions;
using Phone.SipCore.Configuration;

namespace Phone.Storage.Provisioning;

/// <summary>
/// The provisioning URL template: http or https, with <c>{mac}</c> and <c>{id}</c> as the only
/// placeholders, filled in per phone so one template serves a fleet.
/// </summary>
public static partial class ProvisioningUrl
{
    public const string MacPlaceholder = "{mac}";
    public const string IdPlaceholder = "{id}";

    /// <summary>The template with the placeholders filled in (escaped for a URL).</summary>
    public static string Expand(string template, string mac, string deviceId) =>
        template.Replace(MacPlaceholder, Uri.EscapeDataString(mac), StringComparison.OrdinalIgnoreCase)
            .Replace(IdPlaceholder, Uri.EscapeDataString(deviceId), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why <paramref name="template"/> is not a usable URL template, or null when it is: an error
    /// code (<c>ValidationCodes</c>, worded by the web layer), the offending placeholder if any,
    /// and the English fallback.
    /// </summary>
    public static ProvisioningUrlProblem? Problem(string template)
    {
        foreach (Match match in Placeholder().Matches(template))
        {
            if (!string.Equals(match.Value, MacPlaceholder, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(match.Value, IdPlaceholder, StringComparison.OrdinalIgnoreCase))
            {
                return new(ValidationCodes.ProvisioningUrlPlaceholder, match.Value,
                    $"Unknown placeholder '{match.Value}': only {MacPlaceholder} and {IdPlaceholder} are replaced.");
            }
        }
        if (Placeholder().Replace(template, "").IndexOfAny(['{', '}']) >= 0)
        {
            return new(ValidationCodes.ProvisioningUrlBraces, null, "Braces are only allowed around the placeholders {mac} and {id}.");
        }
        if (!Uri.TryCreate(Expand(template, "001122334455", "phone"), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return new(ValidationCodes.ProvisioningUrl, null, "Must be an absolute http:// or https:// URL.");
        }
        return null;
    }

    /// <summary>The URL as it may be shown or stored in the attempts: any user:password part is masked.</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
