using System.Text;
using Phone.Storage.ConfigFile;
using Phone.Web.Application;

namespace Phone.Web.Api;

/// <summary><c>GET /api/config</c> (download) and <c>PUT /api/config</c> (all-or-nothing import).</summary>
internal static class ConfigEndpoints
{
    public const string FileName = "featuresync.cfg";
    public const int MaxBytes = 1024 * 1024;

    public static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder api)
    {
        api.MapGet("/config", async (ConfigFileExporter exporter, CancellationToken ct) =>
            TypedResults.File(Encoding.UTF8.GetBytes(await exporter.ExportAsync(ct)), "text/plain; charset=utf-8", FileName));
        api.MapPut("/config", PutAsync);
        return api;
    }

    private static async Task<IResult> PutAsync(HttpRequest request, SettingsService settings, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return TypedResults.Problem($"The configuration file may be at most {MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
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
