using Phone.Web.Security;

namespace Phone.Web.Api;

/// <summary>The API's own checks that run before an endpoint reads anything.</summary>
internal static class ApiRequestChecks
{
    /// <summary>
    /// After authentication and authorization, so an unknown caller gets 401 before any body
    /// is read: first the cross-site write guard (a forged write is not even read), then the
    /// JSON body check (limit, content type, binding errors by field).
    /// </summary>
    public static IApplicationBuilder UseApiRequestChecks(this IApplicationBuilder app) =>
        app.UseMiddleware<ApiWriteGuard>().UseMiddleware<JsonBodyCheck>();
}
