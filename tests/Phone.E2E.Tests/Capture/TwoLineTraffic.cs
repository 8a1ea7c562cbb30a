using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Lines;
using Phone.SipCore.Simulator;
using Phone.Storage.Events;
using Phone.Storage.Profiles;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Capture;

/// <summary>
/// Real SIP on loopback into a real Phone.Web: line 1 registers (with a digest) and subscribes to
/// as-feature-event at the in-process PBX simulator over UDP, so its trace holds REGISTER, 401,
/// SUBSCRIBE, NOTIFY and their answers; line 2 registers with sipp over TCP (401, then a digest).
/// </summary>
internal sealed class TwoLineTraffic : IAsyncDisposable
{
    public const string SimulatorPassword = "line-secret";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private TwoLineTraffic(PhoneWebFactory factory, PbxSimulator simulator, SippProcess sipp)
    {
        Factory = factory;
        Simulator = simulator;
        Sipp = sipp;
    }

    public PhoneWebFactory Factory { get; }

    public PbxSimulator Simulator { get; }

    public SippProcess Sipp { get; }

    /// <summary>Kestrel's address when started with a real server, for browsers.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>Starts the peers and the phone and waits until both lines did their exchanges and the trace is stored.</summary>
    public static async Task<TwoLineTraffic> StartAsync(bool realServer)
    {
        var simulator = new PbxSimulator(new PbxSimulatorOptions { Accounts = [new SimulatedAccount("2001", SimulatorPassword)] });
        simulator.Start();
        var sipp = SippProcess.Start("registrar-digest.xml", transport: "t1");
        var factory = new PhoneWebFactory(realServer);
        var traffic = new TwoLineTraffic(factory, simulator, sipp);
        try
        {
            if (realServer)
            {
                traffic.BaseAddress = factory.StartRealServer();
            }
            using var client = traffic.CreateAdminClient();
            var profile = await factory.Services.GetRequiredService<PbxProfileRepository>().CreateFromPresetAsync("BroadWorks");
            await PutAsync(client, 1, new
            {
                enabled = true, user = "2001", password = SimulatorPassword, registrar = "127.0.0.1", port = simulator.EndPoint.Port,
                transport = "udp", featureSync = true, pbxProfileId = profile.Id,
            });
            await PutAsync(client, 2, new
            {
                enabled = true, user = "2001", password = "secret", registrar = "127.0.0.1", port = sipp.Port, transport = "tcp",
            });
            await UntilAsync(() => factory.Feed.Get(1) is { Registration: RegistrationState.Registered, Subscription: SubscriptionStatus.Active }
                && factory.Feed.Get(2) is { Registration: RegistrationState.Registered });
            await factory.Services.GetRequiredService<StorageEventSink>().FlushAsync().WaitAsync(Bound);
            return traffic;
        }
        catch
        {
            await traffic.DisposeAsync();
            throw;
        }
    }

    /// <summary>An API client with the admin's Basic credentials, over Kestrel when the server is real.</summary>
    public HttpClient CreateAdminClient()
    {
        if (BaseAddress is null)
        {
            return Factory.CreateAdminClient();
        }
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader();
        return client;
    }

    private static async Task PutAsync(HttpClient client, int line, object body)
    {
        var response = await client.PutAsJsonAsync($"/api/lines/{line}", body);
        Assert.True(response.IsSuccessStatusCode, $"PUT line {line}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!condition())
        {
            Assert.False(bound.IsCancellationRequested, $"The lines did not register and subscribe within {Bound.TotalSeconds} s.");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Factory.Dispose();
        await Sipp.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
