using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phone.TestSupport;

namespace Phone.Web.Tests.Security;

/// <summary>
/// Walks every endpoint the app maps: anything that opts out of authorization must be one
/// of the allowed open ones, and the fallback policy must demand a signed-in user.
/// </summary>
public sealed class EndpointAuthorizationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Only_health_login_and_static_assets_are_open()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAnonymousClient();
        await client.GetAsync("/healthz");

        var fallback = factory.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy;
        Assert.NotNull(fallback);
        Assert.Contains(fallback!.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var open = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!anonymous)
            {
                continue;
            }
            open.Add(pattern);
            output.WriteLine($"open: {pattern} ({endpoint.DisplayName})");
            Assert.True(IsAllowedOpen(pattern, endpoint), $"Endpoint {pattern} ({endpoint.DisplayName}) allows anonymous access.");
        }
        Assert.Contains("/healthz", open);
        Assert.Contains("/login", open);

        // The machine routes say so explicitly too, not only through the fallback.
        foreach (var endpoint in endpoints.Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal)
                     || e.RoutePattern.RawText!.TrimStart('/').StartsWith("hubs/", StringComparison.Ordinal)))
        {
            Assert.NotEmpty(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
        }
    }

    private static bool IsAllowedOpen(string pattern, Microsoft.AspNetCore.Http.Endpoint endpoint) =>
        pattern is "/healthz" or "/login"
        // MapStaticAssets: fingerprinted framework files and the app's bundled assets.
        || endpoint.Metadata.Any(m => m.GetType().FullName?.Contains("StaticAsset", StringComparison.Ordinal) == true)
        || (endpoint.DisplayName?.Contains("static asset", StringComparison.OrdinalIgnoreCase) ?? false);
}
