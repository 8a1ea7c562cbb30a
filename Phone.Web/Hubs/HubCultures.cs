using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Phone.Web.Hubs;

/// <summary>
/// The language of a status hub connection and its SignalR group (<c>culture:zh-CN</c>): pushes are
/// worded once per language and sent to that language's group, so each client reads its own.
/// </summary>
internal static class HubCultures
{
    private const string GroupPrefix = "culture:";

    public static string GroupOf(string culture) => GroupPrefix + culture;

    /// <summary>
    /// The UI culture the request-localization middleware chose for the connection's request; when
    /// the transport's request does not carry that choice (long polling hands the hub a copy of the
    /// first request), the same providers asked again; else the default.
    /// </summary>
    public static async Task<string> OfAsync(HttpContext? http, RequestLocalizationOptions options)
    {
        if (http?.Features.Get<IRequestCultureFeature>() is { } chosen && Localization.UiCultures.Find(chosen.RequestCulture.UICulture.Name) is { } name)
        {
            return name;
        }
        if (http is not null)
        {
            foreach (var provider in options.RequestCultureProviders)
            {
                var result = await provider.DetermineProviderCultureResult(http).ConfigureAwait(false);
                foreach (var asked in result?.UICultures ?? [])
                {
                    if (Supported(asked.Value) is { } supported)
                    {
                        return supported;
                    }
                }
            }
        }
        return options.DefaultRequestCulture.UICulture.Name;
    }

    /// <summary>A supported culture for the name or its parent (zh-CN for "zh-CN"; en for "en-US"), as the middleware falls back.</summary>
    private static string? Supported(string? name)
    {
        if (Localization.UiCultures.Find(name) is { } exact)
        {
            return exact;
        }
        try
        {
            return name is null ? null : Localization.UiCultures.Find(CultureInfo.GetCultureInfo(name).Parent.Name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="read"/> with <paramref name="culture"/> as the current (UI) culture, then restores it.</summary>
    public static T In<T>(string culture, Func<T> read)
    {
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }
}
