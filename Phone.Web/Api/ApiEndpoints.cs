namespace Phone.Web.Api;

/// <summary>Maps the JSON API under <c>/api</c>; every route needs an authenticated caller.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapPhoneApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization()
            // Scripts send JSON, not forms: the API is exempt from antiforgery (and cookie-less
            // Basic callers cannot be the victims of cross-site requests).
            .DisableAntiforgery();
        api.MapStatusApi();
        api.MapLineApi();
        api.MapProfileApi();
        api.MapConfigApi();
        return app;
    }
}
