using System.Text;
using Microsoft.Extensions.Localization;
using Phone.Web.Resources;

namespace Phone.Web.Api;

/// <summary>
/// Reads an uploaded configuration file, from <c>PUT /api/config</c> or the Configuration
/// page alike, with the same limit and the same refusal text.
/// </summary>
internal static class ConfigFileUpload
{
    /// <summary>The file's text, or null when it is larger than <see cref="RequestBodyLimits.ConfigFile"/>.</summary>
    public static async Task<string?> ReadAsync(Stream stream, long? declaredLength, CancellationToken cancellationToken)
    {
        if (await BoundedBody.ReadAsync(stream, declaredLength, RequestBodyLimits.ConfigFile, cancellationToken) is not { } bytes)
        {
            return null;
        }
        // UTF-8 unless the file starts with another encoding's byte-order mark.
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>"The configuration file is larger than 1 MiB." in the current language.</summary>
    public static string TooLarge(IStringLocalizer<PageText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Config.TooLarge", RequestBodyLimits.Describe(RequestBodyLimits.ConfigFile)];
    }
}
