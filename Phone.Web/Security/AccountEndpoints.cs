using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Phone.Web.Localization;

namespace Phone.Web.Security;

/// <summary>Sign-out (a form POST with an antiforgery token) and the language switch.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Form-bound parameters make the endpoint check the antiforgery token.
        app.MapPost("/logout", async (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(AuthSchemes.Cookie);
            return Results.LocalRedirect(SecurityHostingExtensions.LoginPath);
        });
        app.MapGet("/culture", (HttpContext context, string? name, string? returnUrl) =>
        {
            SetCultureCookie(context, name);
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        });
        return app;
    }

    /// <summary>Stores the chosen language for a year; unknown names are ignored.</summary>
    public static void SetCultureCookie(HttpContext context, string? name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (UiCultures.Find(name) is { } culture)
        {
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }
    }

    /// <summary>Only paths of this site: an open redirect would let links send people elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
