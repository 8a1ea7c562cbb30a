namespace Phone.Web.Api;

/// <summary>Maps the JSON API under <c>/api</c>; every route needs an authenticated caller.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapPhoneApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization()
            // Scripts send JSON, not forms: the framework's form antiforgery does not apply.
            // Cookie-authenticated writes are checked by ApiWriteGuard instead.
            .DisableAntiforgery()
            // Every body is capped; PUT /api/config sets its own, larger limit.
            .WithMetadata(RequestBodyLimits.Metadata(RequestBodyLimits.Json));
        api.MapStatusApi();
        api.MapLineApi();
        api.MapDiagnosisApi();
        api.MapProfileApi();
        api.MapConfigApi();
        api.MapProvisioningApi();
        return app;
    }
}
