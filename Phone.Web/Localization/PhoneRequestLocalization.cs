using Microsoft.AspNetCore.Localization;

namespace Phone.Web.Localization;

/// <summary>
/// How a request's language is chosen: the login page's query string, then the language switch's
/// cookie, then Accept-Language; English when none names a supported language. Registered as
/// options, so the middleware and the status hub (which words its pushes per connection) agree.
/// </summary>
public static class PhoneRequestLocalization
{
    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SetDefaultCulture(UiCultures.English)
            .AddSupportedCultures([.. UiCultures.All])
            .AddSupportedUICultures([.. UiCultures.All]);
        options.FallBackToParentUICultures = true;
        options.FallBackToParentCultures = true;
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }
}
