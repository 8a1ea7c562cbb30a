using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;
using Phone.SipCore.Hosting;
using Phone.SipCore.Lines;
using Phone.Storage;
using Phone.Web.Api;
using Phone.Web.Application;
using Phone.Web.Demo;
using Phone.Web.Components;
using Phone.Web.Hubs;
using Phone.Web.Https;
using Phone.Web.Localization;
using Phone.Web.Security;
using Phone.Web.Status;

using Phone.Web.Provisioning;

namespace Phone.Web.Hosting;

public static class WebHostingExtensions
{
    /// <summary>Wires storage, the SIP core and the Blazor UI into the host.</summary>
    public static IHostApplicationBuilder AddPhoneWeb(this IHostApplicationBuilder builder)
    {
        // Demo mode first: it points storage and SIP at its own folder and loopback.
        builder.AddPhoneDemo();
        // Storage first: its hosted service creates and migrates the database before the
        // SIP core starts and reads its lines.
        builder.AddPhoneStorage();
        // HTTPS: the certificate lives in the data directory, which demo mode may have moved.
        builder.AddPhoneHttps();
        builder.AddPhoneSipCore();
        builder.Services.AddSingleton<Sip.LineSupervisor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Sip.LineSupervisor>());
        builder.Services.AddSingleton<Phone.SipCore.Lines.IFeatureChangeService>(sp => sp.GetRequiredService<Sip.LineSupervisor>());
        // After the line supervisor: one aggressive collection once the lines' start is over.
        builder.Services.AddSingleton<Memory.StartupMemoryTrim>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Memory.StartupMemoryTrim>());
        builder.Services.AddSingleton<Sip.ISipDiagnostics>(sp => sp.GetRequiredService<Sip.LineSupervisor>());
        var services = builder.Services;

        // After storage: the admin account's initializer needs the migrated database.
        services.AddPhoneSecurity();
        builder.AddPhoneClientLimits();
        // IStringLocalizer<T> over Phone.Web/Resources/*.resx (the marker type's full name is the resource name).
        services.AddLocalization();
        services.Configure<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>(PhoneRequestLocalization.Configure);
        services.AddSingleton<SyncLogRenderer>();
        services.AddSingleton<ValidationMessages>();
        services.AddSingleton<Diagnosis.DiagnosisRenderer>();
        services.AddSingleton<Diagnosis.DiagnosisReportZip>();
        services.AddSingleton<Diagnosis.ILineDiagnostics, Diagnosis.LineDiagnostics>();
        services.AddSingleton<LineStatusReader>();
        services.AddSingleton<LineSettingsApplier>();
        services.AddSingleton<SettingsService>();
        // Feature changes the web acknowledges wait for the storage writer's commit.
        services.AddSingleton<AcknowledgedFeatureChanges>();
        services.AddSingleton<Api.FeatureChangeEndpoint>();
        // After the line supervisor: the scheduler's first fetch re-applies lines that are running.
        services.AddPhoneProvisioning();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSignalR().AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));
        services.AddSingleton<LivePushMetrics>();
        services.AddSingleton<HubAudience>();
        services.AddHostedService<StatusHubBroadcaster>();
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddHealthChecks();
        // Last of our hosted services: the web server starts after it (WebStartAfterLines).
        services.AddHostedService<WebStartAfterLines>();
        return builder;
    }

    public static WebApplication UsePhoneWeb(this WebApplication app)
    {
        // First: all that follows sees the client's address and scheme (known proxies only).
        app.UsePhoneForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        // HSTS and the redirect to HTTPS (when required) come before anything is served.
        app.UsePhoneHttps();
        // Pages get a friendly not-found page; API and hub callers keep their bare status codes.
        app.UseWhen(context => !IsMachinePath(context.Request),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

        // Our own CSS, icons and images live in the repository's top-level wwwroot-assets/
        // and are copied beside the assembly at build and publish time. Served before
        // authentication: the login page needs them.
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets) });
        }
        // Query string (the login page's switch), then the cookie, then Accept-Language (PhoneRequestLocalization).
        app.UseRequestLocalization();
        app.UsePhoneRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // API: cross-site writes refused, bodies capped and bound with errors by field.
        app.UseApiRequestChecks();

        // Liveness only: no configuration, no secrets, no line state.
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapPhoneApi();
        app.MapAccountEndpoints();
        app.MapSessionEndpoints();
        app.MapHub<StatusHub>(StatusHub.Path).RequireAuthorization();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>camelCase members and enum names, e.g. <c>"standing": "sentUnconfirmed"</c>.</summary>
    internal static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static bool IsMachinePath(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");
}
