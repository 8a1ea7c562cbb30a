using System.Net;
using Phone.SipCore.Configuration;
using Phone.SipCore.Simulator;
using Phone.TestSupport;
using Phone.Web.Tests.Api;
using Phone.Web.Tests.Provisioning;

namespace Phone.Web.Tests.Hosting;

/// <summary>
/// The first start of every line reads all lines' passwords in one query (LineSupervisor,
/// docs/performance.md target 5): after a restart each line must answer its PBX's digest
/// challenge with its own stored password, and a line without one must still fail as before.
/// </summary>
public sealed class StartWithStoredPasswordsTests : IAsyncLifetime
{
    private readonly PbxSimulator _pbx = new(new PbxSimulatorOptions
    {
        Accounts = [new SimulatedAccount("2001", "secret-one", PbxPresets.YeastarS), new SimulatedAccount("2002", "secret-two", PbxPresets.YeastarS)],
    });

    private readonly string _data = Path.Combine(Path.GetTempPath(), "featuresync-tests", Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        _pbx.Start();
        return ValueTask.CompletedTask;
    }

    private PhoneWebFactory Host() => new PhoneWebFactory().WithSetting("FeatureSync:DataDirectory", _data);

    private static async Task<bool> StateIsAsync(HttpClient client, int line, string registration) =>
        (string?)(await client.StatusLineAsync(line))["registration"] == registration;

    [Fact]
    public async Task After_a_restart_each_line_registers_with_its_own_stored_password()
    {
        using (var first = Host())
        {
            using var client = first.CreateAdminClient();
            // Line 2 is saved before line 1 and line 3 (no password) between them, so a mix-up of
            // rows would hand a line another line's secret, which the PBX refuses.
            foreach (var (line, user, password) in new[] { (2, "2002", "secret-two"), (3, "2001", (string?)null), (1, "2001", "secret-one") })
            {
                var saved = await client.PutJsonAsync($"/api/lines/{line}", new
                {
                    enabled = true, user, password, registrar = "127.0.0.1", port = _pbx.EndPoint.Port, transport = "udp", expires = 600,
                });
                Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            }
            await Wait.UntilAsync(async () => await StateIsAsync(client, 1, "registered") && await StateIsAsync(client, 2, "registered")
                && await StateIsAsync(client, 3, "failed"));
        }

        using var second = Host();
        using var restarted = second.CreateAdminClient();
        await Wait.UntilAsync(async () => await StateIsAsync(restarted, 1, "registered") && await StateIsAsync(restarted, 2, "registered")
            && await StateIsAsync(restarted, 3, "failed"));
        Assert.Equal("AuthNoCredentials", (string)(await restarted.StatusLineAsync(3))["registrationDetailCode"]!);
    }

    public async ValueTask DisposeAsync()
    {
        await _pbx.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background task; the temp cleaner gets it.
        }
    }
}
