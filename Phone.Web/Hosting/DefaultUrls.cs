namespace Phone.Web.Hosting;

public static class DefaultUrls
{
    public const string Url = "http://localhost:5080";

    /// <summary>
    /// Listens on <see cref="Url"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or
    /// <c>urls</c> in configuration says otherwise. Set in code rather than in
    /// appsettings.json because appsettings would override <c>ASPNETCORE_URLS</c>.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(Url);
        }
        return builder;
    }
}
