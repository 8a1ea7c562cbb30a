using System.Net;
using Phone.SipCore.Configuration;
using Phone.SipCore.Simulator;
using Phone.SipCore.Transport;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.Web.Sip;

namespace Phone.Web.Demo;

/// <summary>
/// Runs the demo: starts the simulator before the lines start, then (once every service runs)
/// stores two lines against it and applies them; on shutdown removes the demo's data folder.
/// </summary>
internal sealed class DemoSetup(
    PbxSimulator simulator,
    DemoDataDirectory data,
    LineRepository lines,
    PbxProfileRepository profiles,
    LineSupervisor supervisor,
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
        var broadWorks = await profiles.CreateFromPresetAsync(PbxPresets.BroadWorks.Name, "BroadWorks (simulated)", cancellationToken);
        var yeastar = await profiles.CreateFromPresetAsync(PbxPresets.YeastarS.Name, "Yeastar S-series (simulated)", cancellationToken);
        await lines.SaveAsync(Line(1, "BroadWorks demo", DemoAccounts.BroadWorks, port, broadWorks.Id), cancellationToken);
        await lines.SaveAsync(Line(2, "Yeastar demo", DemoAccounts.Yeastar, port, yeastar.Id), cancellationToken);
        await supervisor.ApplyAsync(1, cancellationToken);
        await supervisor.ApplyAsync(2, cancellationToken);
        logger.LogInformation("Demo mode: lines 1 and 2 use the PBX simulator on {EndPoint}; data in {Directory}",
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
