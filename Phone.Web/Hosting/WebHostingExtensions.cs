using Microsoft.Extensions.FileProviders;
using Phone.SipCore.Hosting;
using Phone.Storage;
using Phone.Web.Demo;
using Phone.Web.Components;

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
        builder.AddPhoneSipCore();
        builder.Services.AddSingleton<Sip.LineSupervisor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Sip.LineSupervisor>());
        builder.Services.AddSingleton<Phone.SipCore.Lines.IFeatureChangeService>(sp => sp.GetRequiredService<Sip.LineSupervisor>());
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UsePhoneWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        // Our own CSS, icons and images live in the repository's top-level wwwroot-assets/
        // and are copied beside the assembly at build and publish time.
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets) });
        }
        app.UseAntiforgery();

        // Liveness only: no configuration, no secrets, no line state.
        app.MapHealthChecks("/healthz");
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
