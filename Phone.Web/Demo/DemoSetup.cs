using System.Net;
using Phone.SipCore.Configuration;
using Phone.SipCore.Simulator;
using Phone.SipCore.Transport;
using Phone.Web.Application;

namespace Phone.Web.Demo;

/// <summary>
/// Runs the demo: starts the simulator before the lines start, then (once every service runs)
/// stores three lines against it and applies them; on shutdown removes the demo's data folder.
/// </summary>
internal sealed class DemoSetup(
    PbxSimulator simulator,
    DemoDataDirectory data,
    SettingsService settings,
    ILogger<DemoSetup> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        simulator.Start();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var port = simulator.EndPoint.Port;
        // The same writes as the pages and the API: each saved line is applied at once.
        var broadWorks = (await settings.CreateProfileFromPresetAsync(PbxPresets.BroadWorks.Name, "BroadWorks (simulated)",
            cancellationToken)).ValueOrThrow().Profile;
        var yeastar = (await settings.CreateProfileFromPresetAsync(PbxPresets.YeastarS.Name, "Yeastar S-series (simulated)",
            cancellationToken)).ValueOrThrow().Profile;
        var fortiVoice = (await settings.CreateProfileFromEditedPresetAsync(PbxPresets.FortiVoice.Name,
            _ => DemoAccounts.FortiVoiceProfile with { Name = "FortiVoice (simulated)" }, cancellationToken)).ValueOrThrow().Profile;
        (await settings.SaveLineAsync(Line(1, "BroadWorks demo", DemoAccounts.BroadWorks, port, broadWorks.Id), cancellationToken)).ValueOrThrow();
        (await settings.SaveLineAsync(Line(2, "Yeastar demo", DemoAccounts.Yeastar, port, yeastar.Id), cancellationToken)).ValueOrThrow();
        // Sync off on purpose: FortiVoice syncs whatever the switch says (docs/protocol.md 3).
        (await settings.SaveLineAsync(Line(3, "FortiVoice demo", DemoAccounts.FortiVoice, port, fortiVoice.Id) with { FeatureSync = false },
            cancellationToken)).ValueOrThrow();
        logger.LogInformation("Demo mode: lines 1 to 3 use the PBX simulator on {EndPoint}; data in {Directory}",
            simulator.EndPoint, data.Path);
    }

    private static LineSettings Line(int number, string label, SimulatedAccount account, int port, int profile) => new()
    {
        Number = number,
        Enabled = true,
        Label = label,
        User = account.User,
        DisplayName = label,
        Password = account.Password,
        RegistrarHost = IPAddress.Loopback.ToString(),
        Port = port,
        Transport = SipTransportKind.Udp,
        FeatureSync = true,
        PbxProfileId = profile,
    };

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken) => await Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await simulator.DisposeAsync();
        data.Delete();
    }
}
