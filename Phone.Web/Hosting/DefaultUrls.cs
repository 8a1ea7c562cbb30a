namespace Phone.Web.Hosting;

public static class DefaultUrls
{
    public const string HttpUrl = "http://localhost:5080";

    /// <summary>Served with the phone's generated certificate unless one is configured.</summary>
    public const string HttpsUrl = "https://localhost:5443";

    /// <summary>Both, as <c>--urls</c> takes them.</summary>
    public const string Urls = HttpUrl + ";" + HttpsUrl;

    /// <summary>
    /// Listens on <see cref="Urls"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or
    /// <c>urls</c> in configuration says otherwise. Set in code rather than in
    /// appsettings.json because appsettings would override <c>ASPNETCORE_URLS</c>.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(Urls);
        }
        return builder;
    }
}
