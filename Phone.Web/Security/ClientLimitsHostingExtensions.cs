using Microsoft.AspNetCore.RateLimiting;
using System.Globalization;
using System.Threading.RateLimiting;

namespace Phone.Web.Security;

/// <summary>
/// Per-client limits and how the client is known: forwarded headers from known proxies only,
/// then a request rate limit on the API and hub, keyed by that client address.
/// </summary>
internal static class ClientLimitsHostingExtensions
{
    public static IHostApplicationBuilder AddPhoneClientLimits(this IHostApplicationBuilder builder)
    {
        var limit = ApiRateLimit.FromConfiguration(builder.Configuration);
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = limit.CreateLimiter();
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UsePhoneForwardedHeaders(this WebApplication app)
    {
        // No known proxy: the headers are not read at all (see KnownProxies).
        if (KnownProxies.FromConfiguration(app.Configuration) is { } proxies)
        {
            app.UseForwardedHeaders(proxies);
        }
        return app;
    }

    /// <summary>Before authentication, so a flood is refused before any password is hashed.</summary>
    public static IApplicationBuilder UsePhoneRateLimiter(this IApplicationBuilder app) => app.UseRateLimiter();
}
