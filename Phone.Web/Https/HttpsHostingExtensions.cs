using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Phone.Storage;
using Phone.Web.Security;

namespace Phone.Web.Https;

public static class HttpsHostingExtensions
{
    /// <summary>
    /// Loads (or on the first start makes) the certificate and makes it Kestrel's default for
    /// every https URL, however the URLs were given; an endpoint configured with a certificate
    /// of its own in <c>Kestrel:Endpoints</c> keeps it. Reads the policy, and marks the sign-in
    /// and antiforgery cookies Secure on HTTPS requests. Needs the final data directory, so it
    /// runs after demo mode has set it.
    /// </summary>
    public static IHostApplicationBuilder AddPhoneHttps(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = HttpsPolicy.FromConfiguration(builder.Configuration);
        var certificate = WebCertificateSource.Load(builder.Configuration,
            StorageHostingExtensions.DataDirectory(builder.Configuration), TimeProvider.System);
        var services = builder.Services;
        services.AddSingleton(policy);
        services.AddSingleton(certificate);
        services.AddHostedService<HttpsCertificateLog>();
        services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate.Certificate));
        services.AddHsts(hsts => hsts.MaxAge = HttpsPolicy.HstsMaxAge);
        // After every other configuration, so the rule holds wherever the cookies are set up.
        services.PostConfigure<CookieAuthenticationOptions>(AuthSchemes.Cookie,
            options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.PostConfigure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>
    /// With <see cref="WebHttpsKeys.RequireHttps"/>: HSTS on HTTPS responses and a redirect from
    /// HTTP to HTTPS. HSTS keeps ASP.NET Core's exclusions (localhost and the loopback
    /// addresses), so a developer's browser is not pinned to HTTPS for every local site.
    /// </summary>
    public static WebApplication UsePhoneHttps(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<HttpsPolicy>().RequireHttps)
        {
            return app;
        }
        app.UseHsts();
        // The container's health check asks /healthz over plain HTTP; a redirect would fail it.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments(HealthPath),
            branch => branch.UseHttpsRedirection());
        return app;
    }

    private const string HealthPath = "/healthz";
}
