using Phone.Web.Localization;
using Phone.Web.Application;
using Phone.Web.Provisioning;

namespace Phone.Web.Api;

/// <summary>
/// <c>GET|PUT /api/provisioning</c> (settings; the password is write-only) and
/// <c>POST /api/provisioning/fetch</c> (fetch and apply now; the answer is the attempt).
/// </summary>
internal static class ProvisioningEndpoints
{
    public const int AttemptsShown = 20;

    public static RouteGroupBuilder MapProvisioningApi(this RouteGroupBuilder api)
    {
        api.MapGet("/provisioning", GetAsync);
        api.MapPut("/provisioning", PutAsync);
        api.MapPost("/provisioning/fetch", async (ProvisioningService service, CancellationToken ct) =>
            TypedResults.Ok(ProvisioningAttemptModel.From(await service.FetchNowAsync("web", ct))));
        return api;
    }

    private static async Task<IResult> GetAsync(ProvisioningService service, ProvisioningSchedule schedule, CancellationToken ct) =>
        TypedResults.Ok(ProvisioningModel.From(await service.GetAsync(ct), service, schedule.NextFetch,
            await service.GetAttemptsAsync(AttemptsShown, ct)));

    private static async Task<IResult> PutAsync(ProvisioningRequest body, ProvisioningService service, ProvisioningSchedule schedule,
        ValidationMessages messages, CancellationToken ct)
    {
        var result = await service.SaveAsync(body.ToSettings(), ct);
        return result.Outcome == SaveOutcome.Saved
            ? TypedResults.Ok(ProvisioningModel.From(result.Value!, service, schedule.NextFetch,
                await service.GetAttemptsAsync(AttemptsShown, ct)))
            : ValidationProblems.From(result.Errors, ValidationProblems.CamelCase, messages);
    }
}
