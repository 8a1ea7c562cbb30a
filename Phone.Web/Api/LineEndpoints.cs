using Phone.Storage.Lines;
using Phone.Storage.Logs;
using Phone.Storage.Traces;
using Phone.Web.Application;
using Phone.Web.Capture;
using Phone.Web.Localization;

namespace Phone.Web.Api;

/// <summary><c>GET/PUT /api/lines/{n}</c>, and the line's sync log and SIP trace (JSON and pcap).</summary>
internal static class LineEndpoints
{
    public const int DefaultCount = 200;
    public const int MaxCount = 5000;

    public static RouteGroupBuilder MapLineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/lines/{n:int}", async (int n, LineRepository lines, CancellationToken ct) =>
            await lines.GetAsync(n, ct) is { } view ? Results.Ok(LineModel.From(view)) : Results.NotFound());
        api.MapPut("/lines/{n:int}", PutAsync);
        // Worded in the request's culture: the request-localization middleware reads Accept-Language.
        api.MapGet("/lines/{n:int}/log", async (int n, int? count, LineRepository lines, SyncLogRepository log, SyncLogRenderer words,
            CancellationToken ct) =>
            await lines.GetAsync(n, ct) is null
                ? Results.NotFound()
                : Results.Ok((await log.GetRecentAsync(n, Clamp(count), ct)).Select(e => SyncLogModel.From(e, words)).ToList()));
        api.MapGet("/lines/{n:int}/trace", async (int n, int? count, LineRepository lines, SipTraceRepository trace, CancellationToken ct) =>
            await lines.GetAsync(n, ct) is null
                ? Results.NotFound()
                : Results.Ok(await trace.GetRecentAsync(n, Clamp(count), ct)));
        api.MapGet("/lines/{n:int}/trace.pcap", GetCaptureAsync);
        return api;
    }

    /// <summary>
    /// The line's stored trace as a pcap file, oldest message first; all of it unless
    /// <paramref name="count"/> asks for fewer (the newest).
    /// </summary>
    private static async Task<IResult> GetCaptureAsync(int n, int? count, LineRepository lines, SipTraceRepository trace,
        TimeProvider time, CancellationToken ct)
    {
        if (await lines.GetAsync(n, ct) is null)
        {
            return Results.NotFound();
        }
        var newestFirst = await trace.GetRecentAsync(n, Math.Clamp(count ?? MaxCount, 1, MaxCount), ct);
        using var file = new MemoryStream();
        TraceCapture.Write(newestFirst.Reverse(), file);
        return Results.File(file.ToArray(), TraceCapture.ContentType, TraceCapture.FileName(n, time.GetUtcNow()));
    }

    private static int Clamp(int? count) => Math.Clamp(count ?? DefaultCount, 1, MaxCount);

    private static async Task<IResult> PutAsync(int n, LineRequest body, SettingsService settings, ValidationMessages messages, CancellationToken ct)
    {
        var result = await settings.SaveLineAsync(body.ToSettings(n), ct);
        return result.Outcome switch
        {
            SaveOutcome.Saved => TypedResults.Ok(LineModel.From(result.Value!)),
            SaveOutcome.NotFound => TypedResults.NotFound(),
            _ => ValidationProblems.From(result.Errors, LineRequest.FieldName, messages),
        };
    }
}
