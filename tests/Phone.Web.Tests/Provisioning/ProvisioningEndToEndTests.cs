using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.Simulator;
using Phone.SipCore.Transport;
using Phone.Storage.Provisioning;
using Phone.TestSupport;
using Phone.Web.Provisioning;

namespace Phone.Web.Tests.Provisioning;

/// <summary>
/// The whole fleet path on loopback: a provisioned file configures line 1, the line registers
/// with a real registrar (the in-process PBX simulator on 127.0.0.1), and the registrar's
/// check-sync NOTIFY makes the phone fetch again, while the same NOTIFY from 127.0.0.9 is refused.
/// </summary>
public sealed class ProvisioningEndToEndTests : IAsyncLifetime
{
    private readonly ProvisioningHost _host = new();
    private ProvisioningServer _server = null!;
    private PbxSimulator _registrar = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ProvisioningServer.StartAsync();
        _registrar = new PbxSimulator(new PbxSimulatorOptions { Accounts = [new SimulatedAccount("2001", "line-secret")] });
        _registrar.Start();
        _server.Files["desk9"] = string.Create(CultureInfo.InvariantCulture,
            $"SIP1 Enable :1\nSIP1 User :2001\nSIP1 Password :line-secret\nSIP1 Registrar :127.0.0.1\nSIP1 Port :{_registrar.EndPoint.Port}\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _registrar.DisposeAsync();
        await _server.DisposeAsync();
        _host.Dispose();
    }

    private ProvisioningService Service => _host.Service;

    private int PhonePort => ((IPEndPoint)_host.Factory.Services.GetRequiredService<SipListener>().UdpSocket.LocalEndPoint!).Port;

    /// <summary>An unsolicited check-sync NOTIFY from <paramref name="from"/>; returns the phone's answer's status.</summary>
    private async Task<int> SendCheckSyncAsync(IPAddress from)
    {
        using var socket = new UdpClient(new IPEndPoint(from, 0));
        var local = (IPEndPoint)socket.Client.LocalEndPoint!;
        var notify =
            $"NOTIFY sip:2001@127.0.0.1:{PhonePort} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch={SipIds.NewBranch()}\r\nMax-Forwards: 70\r\n" +
            $"From: <sip:pbx@{from}>;tag=cs1\r\nTo: <sip:2001@127.0.0.1>\r\nCall-ID: {SipIds.NewCallId("pbx")}\r\n" +
            "CSeq: 1 NOTIFY\r\nEvent: check-sync\r\nSubscription-State: terminated\r\nContent-Length: 0\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(notify), new IPEndPoint(IPAddress.Loopback, PhonePort));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = await socket.ReceiveAsync(bound.Token);
        var status = Encoding.ASCII.GetString(answer.Buffer).Split(' ', 3)[1];
        return int.Parse(status, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_provisioned_line_registers_and_its_registrars_check_sync_fetches_again_while_a_strangers_is_refused()
    {
        await _host.UseAsync(new Uri(_server.Http, "/cfg/desk9.cfg").ToString(), "desk9", checkSync: true);

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal(ProvisioningOutcome.Applied, run.Attempt.Outcome);
        await Wait.UntilAsync(() => _host.Factory.Feed.Get(1)?.Registration == RegistrationState.Registered, seconds: 20);
        // The registrar holds the provisioned line's binding, with the line's own Contact token.
        Assert.Matches(@";line=[a-z0-9]{8}", _registrar.Get("2001")!.Contact);
        var fetches = _server.Hits("/cfg/desk9.cfg");

        // Not the line's server: refused before anything runs, and counted on the line.
        Assert.Equal(403, await SendCheckSyncAsync(IPAddress.Parse("127.0.0.9")));
        await Wait.UntilAsync(() => _host.Factory.Feed.Get(1)?.RefusedRequests == 1);
        Assert.Equal(fetches, _server.Hits("/cfg/desk9.cfg"));

        // The registrar's own address: answered 200 and the file is fetched again.
        Assert.Equal(200, await SendCheckSyncAsync(IPAddress.Loopback));
        await Wait.UntilAsync(() => _server.Hits("/cfg/desk9.cfg") == fetches + 1);
    }
}
