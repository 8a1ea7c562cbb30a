using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;


namespace Phone.Web.Security;

/// <summary>
/// Access control: the <c>admin</c> account, cookie sign-in for browsers, HTTP Basic for
/// the API and hub, and a fallback policy so every endpoint needs a signed-in caller unless
/// it opts out (health check, login page, static assets).
/// </summary>
internal static class SecurityHostingExtensions
{
    public const string LoginPath = "/login";

    public static IServiceCollection AddPhoneSecurity(this IServiceCollection services)
    {
        services.AddSingleton<AdminAccount>();
        services.AddSingleton<LoginThrottle>();
        services.AddHostedService<AdminAccountInitializer>();
        // Sessions and hashing (security stamp, PasswordHasher, first-password file, throttled sign-in).
        services.TryAddSingleton<IPasswordHasher<AdminAccount>, PasswordHasher<AdminAccount>>();
        services.AddSingleton<InitialPasswordFile>();
        services.AddSingleton<AdminSignIn>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionCircuitHandler>();

        services.AddAuthentication(AuthSchemes.Selector)
            .AddPolicyScheme(AuthSchemes.Selector, "Cookie or Basic", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                        ? AuthSchemes.Basic
                        : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.LoginPath = LoginPath;
                options.LogoutPath = "/logout";
                options.Cookie.Name = "FeatureSync.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // Every request: the session's security stamp must still be the account's.
                options.Events.OnValidatePrincipal = SessionStampValidator.ValidateAsync;
                // Scripts and hub clients get 401 with a Basic challenge, not a login page.
                options.Events.OnRedirectToLogin = context =>
                {
                    if (IsMachinePath(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers[Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate] = "Basic realm=\"FeatureSync\", charset=\"UTF-8\"";
                        return Task.CompletedTask;
                    }
                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(AuthSchemes.Basic, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static bool IsMachinePath(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");
}
