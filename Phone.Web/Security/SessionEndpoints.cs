using Microsoft.AspNetCore.Authentication;

namespace Phone.Web.Security;

/// <summary>"Sign out everywhere": a form POST (antiforgery token checked) from the layout.</summary>
internal static class SessionEndpoints
{
    public const string SignOutEverywherePath = "/account/sign-out-everywhere";

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        // The form-bound parameter makes the endpoint check the antiforgery token, as /logout does.
        app.MapPost(SignOutEverywherePath, async (HttpContext context, AdminAccount account,
            [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            // A new stamp ends every browser session on its next request; this one ends now.
            await account.SignOutEverywhereAsync(context.RequestAborted);
            await context.SignOutAsync(AuthSchemes.Cookie);
            return Results.LocalRedirect(SecurityHostingExtensions.LoginPath);
        });
        return app;
    }
}
