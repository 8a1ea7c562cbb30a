using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Localization;
using Phone.Web.Resources;

namespace Phone.Web.Security;

/// <summary>
/// Cross-site request forgery defence for the API's writes (POST, PUT, PATCH, DELETE under
/// <c>/api</c>). The API accepts the sign-in cookie, which a browser attaches to a form another
/// site posts; SameSite=Strict stops that in today's browsers, this stops it by itself:
/// <list type="bullet">
/// <item>A write the browser marks as coming from another site (<c>Sec-Fetch-Site</c>, or an
/// <c>Origin</c> of another host) is refused whatever the credentials, because a browser also
/// replays HTTP Basic credentials it was once given.</item>
/// <item>A write authenticated by the cookie must carry the antiforgery token in the header
/// the pages' token is meant for (<see cref="AntiforgeryOptions.HeaderName"/>); another site
/// can neither read the token nor set the header on a form post. Scripts use Basic.</item>
/// </list>
/// Refusals are 403: the caller is known (so not 401, whose Basic challenge would also pop a
/// login box over the other site), and the request itself is well-formed (so not 400).
/// Runs after authorization, before anything reads the body.
/// </summary>
internal sealed class ApiWriteGuard(RequestDelegate next, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> options, IStringLocalizer<ApiText> text)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && IsWrite(request.Method))
        {
            if (FromAnotherSite(request))
            {
                await Refuse(context, "Api.CrossSiteWrite");
                return;
            }
            if (context.User.Identity?.AuthenticationType != AuthSchemes.Basic && !await HasTokenAsync(context))
            {
                await Refuse(context, "Api.CookieWriteNeedsToken");
                return;
            }
        }
        await next(context);
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>
    /// What the browser says about where the request comes from. Scripts send neither header.
    /// The Origin comparison (host and port only: a TLS-terminating proxy changes the scheme)
    /// is for browsers too old to send <c>Sec-Fetch-Site</c>.
    /// </summary>
    private static bool FromAnotherSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The header is required: without one, a form post would make antiforgery read the whole form first.</summary>
    private async Task<bool> HasTokenAsync(HttpContext context) =>
        options.Value.HeaderName is { } header
        && context.Request.Headers.ContainsKey(header)
        && await antiforgery.IsRequestValidAsync(context);

    private Task Refuse(HttpContext context, string detailKey) =>
        TypedResults.Problem(text[detailKey, options.Value.HeaderName ?? ""], statusCode: StatusCodes.Status403Forbidden,
            title: text["Api.WriteRefusedTitle"]).ExecuteAsync(context);
}
