using System.Globalization;
using Phone.SipCore.Simulator;

namespace Phone.Web.Demo;

public static class DemoHostingExtensions
{
    /// <summary>
    /// In demo mode: a fresh data folder, the phone's SIP on loopback, a known admin password
    /// unless one is configured, and the PBX simulator with the two demo lines. Called first in
    /// AddPhoneWeb, so storage and the SIP core read the overridden settings.
    /// </summary>
    public static IHostApplicationBuilder AddPhoneDemo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mode = new DemoMode(DemoMode.IsEnabled(builder.Configuration));
        builder.Services.AddSingleton(mode);
        if (!mode.Enabled)
        {
            return builder;
        }
        var data = new DemoDataDirectory();
        var overrides = new Dictionary<string, string?>
        {
            ["FeatureSync:DataDirectory"] = data.Path,
            ["FeatureSync:Sip:Address"] = "127.0.0.1",
            ["FeatureSync:Sip:Port"] = "0",
        };
        var adminPasswordConfigured = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FEATURESYNC_ADMIN_PASSWORD"))
            || !string.IsNullOrEmpty(builder.Configuration["FeatureSync:AdminPassword"]);
        if (!adminPasswordConfigured)
        {
            overrides["FeatureSync:AdminPassword"] = DemoMode.DefaultAdminPassword;
        }
        // Added last, so these win over appsettings, environment and command line.
        builder.Configuration.AddInMemoryCollection(overrides);
        var port = int.TryParse(builder.Configuration[DemoMode.SimulatorPortKey], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton(sp => new PbxSimulator(
            new PbxSimulatorOptions { Port = port, Accounts = DemoAccounts.All, Realm = "featuresync-demo" },
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService<DemoSetup>();
        Console.WriteLine("FeatureSync demo mode: a simulated BroadWorks and Yeastar PBX run in this process on loopback.");
        Console.WriteLine(adminPasswordConfigured
            ? "Sign in with the configured admin password."
            : $"Sign in as admin with the password '{DemoMode.DefaultAdminPassword}'. Data is kept in {data.Path} and removed on exit.");
        return builder;
    }
}
