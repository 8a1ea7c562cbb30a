using System.Globalization;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.Interop.Tests.Lines;

/// <summary>
/// The toll-fraud path of the trust issue, with sipp on real loopback UDP: a uaCSTA INVITE
/// carrying SetForwarding from 127.0.0.9, a host the line never talked to, is refused 403 and
/// the forward stays off; the line's own server (127.0.0.1, its registrar) still sets it.
/// </summary>
public sealed class LineTrustInteropTests
{
    [Fact]
    public async Task A_uacsta_set_forwarding_from_a_stranger_is_refused_and_the_real_pbx_still_works()
    {
        await using var registrar = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(registrar.Port, PbxPresets.Find("3CX")!);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");
        var phone = $"127.0.0.1:{line.PhonePort.ToString(CultureInfo.InvariantCulture)}";

        await using (var stranger = SippProcess.Start("uacsta-attacker.xml", extraArgs: ["-i", "127.0.0.9", "-s", "2001", phone]))
        {
            await stranger.AssertPassedAsync(TimeSpan.FromSeconds(20)); // the scenario requires the 403
        }
        var refused = await line.WaitForAsync(s => s.RefusedRequests == 1, "the refusal counted");
        Assert.False(refused.Features.ForwardAlways.Enabled);
        Assert.Null(refused.Features.ForwardAlways.Target);

        // The registrar's host opens a session and sets DND, forwarding and reads them back.
        await using var server = SippProcess.Start("uacsta-3cx.xml", extraArgs: ["-s", "2001", phone]);
        await server.AssertPassedAsync(TimeSpan.FromSeconds(20));
        var dnd = await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
        Assert.Equal(1, dnd.RefusedRequests);
    }

    [Fact]
    public async Task The_same_over_tcp_is_refused_and_changes_nothing()
    {
        await using var registrar = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(registrar.Port, PbxPresets.Find("3CX")!, listenTcp: true);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");
        var phone = $"127.0.0.1:{line.PhonePort.ToString(CultureInfo.InvariantCulture)}";

        await using (var stranger = SippProcess.Start("uacsta-attacker.xml", transport: "t1", extraArgs: ["-i", "127.0.0.9", "-s", "2001", phone]))
        {
            await stranger.AssertPassedAsync(TimeSpan.FromSeconds(20));
        }
        var refused = await line.WaitForAsync(s => s.RefusedRequests == 1, "the refusal counted");
        Assert.False(refused.Features.ForwardAlways.Enabled);
    }

    [Fact]
    public async Task A_profile_that_lists_the_host_among_its_trusted_hosts_accepts_its_uacsta_session()
    {
        await using var registrar = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(registrar.Port, PbxPresets.Find("3CX")! with { TrustedHosts = "127.0.0.9" });
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");

        await using var cluster = SippProcess.Start("uacsta-3cx.xml",
            extraArgs: ["-i", "127.0.0.9", "-s", "2001", $"127.0.0.1:{line.PhonePort.ToString(CultureInfo.InvariantCulture)}"]);
        await cluster.AssertPassedAsync(TimeSpan.FromSeconds(20));

        var dnd = await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
        Assert.Equal(0, dnd.RefusedRequests);
    }
}
