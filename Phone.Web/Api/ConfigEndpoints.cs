using System.Text;
using Phone.Storage.ConfigFile;
using Phone.Web.Application;
using Microsoft.Extensions.Localization;
using Phone.Web.Resources;

namespace Phone.Web.Api;

/// <summary><c>GET /api/config</c> (download) and <c>PUT /api/config</c> (all-or-nothing import).</summary>
internal static class ConfigEndpoints
{
    public const string FileName = "featuresync.cfg";

    public static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder api)
    {
        api.MapGet("/config", async (ConfigFileExporter exporter, CancellationToken ct) =>
            TypedResults.File(Encoding.UTF8.GetBytes(await exporter.ExportAsync(ct)), "text/plain; charset=utf-8", FileName));
        api.MapPut("/config", PutAsync).WithMetadata(RequestBodyLimits.Metadata(RequestBodyLimits.ConfigFile));
        return api;
    }

    private static async Task<IResult> PutAsync(HttpRequest request, SettingsService settings, IStringLocalizer<PageText> labels, IStringLocalizer<ApiText> apiText, CancellationToken ct)
    {
        // Counted as it is read: a chunked upload has no Content-Length to check first.
        if (await ConfigFileUpload.ReadAsync(request.Body, request.ContentLength, ct) is not { } text)
        {
            return BodyProblems.TooLarge(apiText, ConfigFileUpload.TooLarge(labels));
        }
        return ToResult(await settings.ImportConfigAsync(text, ct));
    }

    private static IResult ToResult(ConfigImportResult result)
    {
        if (!result.Applied)
        {
            return TypedResults.Problem("The configuration file has errors; nothing was changed.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid configuration file.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Errors.Select(e => new { line = e.LineNumber, message = e.Message }).ToList(),
                });
        }
        return TypedResults.Ok(new
        {
            applied = true,
            warnings = result.Warnings.Select(e => new { line = e.LineNumber, message = e.Message }).ToList(),
            linesChanged = result.LinesChanged,
            profilesChanged = result.ProfilesChanged,
        });
    }
}
