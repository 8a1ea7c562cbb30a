using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Tests.Simulator;
using Phone.SipCore.Tests.Usages;
using Phone.SipCore.Tests.Transport;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;

namespace Phone.SipCore.Tests.Lines;

/// <summary>
/// The line's trust policy as the stack applies it: a uaCSTA Set from a host the line never
/// talked to is refused 403 and changes nothing; the same from the line's server works.
/// </summary>
public sealed class LineTrustTests : IAsyncLifetime
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private static readonly SipEndPoint Stranger = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.9"), 5080));
    private readonly ScriptedPeer _peer = new();
    private readonly LineStatusFeed _feed = new(NullLogger<LineStatusFeed>.Instance);
    private readonly RecordingLineEvents _events = new();
    private LineAgent? _agent;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
        await _peer.DisposeAsync();
    }

    /// <summary>A 3CX line (uaCSTA accepted) registered with the scripted server at 127.0.0.2.</summary>
    private async Task StartAsync(bool callsOnlyFromServer = false, string trustedHosts = "", SipTargetResolver? resolver = null,
        ICheckSyncListener? checkSync = null)
    {
        var settings = new LineSettings
        {
            Number = 1, Enabled = true, User = "2001", RegistrarHost = "127.0.0.2", Port = _peer.ServerEndPoint.Port,
            Transport = SipTransportKind.Udp, FeatureSync = true, PbxProfileId = 1, AcceptCallsOnlyFromServer = callsOnlyFromServer,
        };
        var context = new LineAgentContext(_peer.Stack, resolver ?? _peer.Resolver, _feed, _events, _peer.Time, NullLoggerFactory.Instance)
        {
            CheckSync = checkSync,
        };
        _agent = new LineAgent(new LineConfiguration(settings, PbxPresets.Find("3CX")! with { Id = 1, TrustedHosts = trustedHosts }, ""),
            LineFeatureState.Initial(1, _peer.Time.GetUtcNow()), context);
        _agent.Start();
        await WaitFor(s => s.Registration == RegistrationState.Registered, "registered");
    }

    private LineAgent Agent => _agent ?? throw new InvalidOperationException("no line started");

    /// <summary>The refusal the line logs for <paramref name="attempt"/> from the stranger.</summary>
    private static SyncLogEvent Refused(string attempt) =>
        SyncLogEvent.Of(SyncLogCode.RequestRefused, SyncLogArg.Text(attempt), SyncLogArg.Text("127.0.0.9:5080"));

    private static string SetForwardImmediate(string number) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><SetForwarding xmlns="{Ns}"><device>2001</device><activateForward>true</activateForward><forwardingType>forwardImmediate</forwardingType><forwardDN>{number}</forwardDN></SetForwarding>""";

    private static string CstaInvite(string body) =>
        PeerMessages.Invite(SipIds.NewBranch(), SipIds.NewCallId("pbx"), "application/csta+xml", body);

    private void FromStranger(string text) =>
        _peer.Stack.OnPacket(new ReceivedPacket(Encoding.UTF8.GetBytes(text), Stranger, _peer.PhoneLink.LocalEndPoint));

    private async Task<SipResponse> NextFinalAsync()
    {
        while (true)
        {
            var response = await _peer.NextResponseAsync();
            if (response.StatusCode >= 200)
            {
                return response;
            }
        }
    }

    private async Task<LineStatus> WaitFor(Func<LineStatus, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_agent is { } agent && condition(agent.Status))
            {
                return agent.Status;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"never: {what}");
    }

    [Fact]
    public async Task A_uacsta_set_from_a_host_the_line_never_talked_to_is_refused_403_and_changes_nothing()
    {
        await StartAsync();
        FromStranger(CstaInvite(SetForwardImmediate("900555000111")));

        Assert.Equal(403, (await NextFinalAsync()).StatusCode);
        var status = await WaitFor(s => s.RefusedRequests == 1, "one refusal counted");
        Assert.False(status.Features.ForwardAlways.Enabled);
        Assert.Null(status.Features.ForwardAlways.Target);
        Assert.Contains((1, Refused("uaCSTA SetForwarding")), _events.Log);
        Assert.Equal(1, _peer.Stack.RefusedCount);
    }

    [Fact]
    public async Task The_same_set_from_the_lines_server_is_applied()
    {
        await StartAsync();
        await _peer.SendToPhoneAsync(CstaInvite(SetForwardImmediate("2424")));

        Assert.Equal(200, (await NextFinalAsync()).StatusCode);
        var status = await WaitFor(s => s.Features.ForwardAlways.Enabled, "forward applied");
        Assert.Equal("2424", status.Features.ForwardAlways.Target);
        Assert.Equal(0, status.RefusedRequests);
    }

    [Fact]
    public async Task An_ordinary_call_from_elsewhere_is_still_taken_by_default()
    {
        await StartAsync();
        FromStranger(PeerMessages.Invite(SipIds.NewBranch(), SipIds.NewCallId("caller")));

        var answer = await _peer.NextResponseAsync();
        while (answer.StatusCode == 100)
        {
            answer = await _peer.NextResponseAsync();
        }
        Assert.NotEqual(403, answer.StatusCode);
        Assert.Equal(0, Agent.Status.RefusedRequests);
    }

    [Fact]
    public async Task A_flood_of_refused_requests_is_counted_whole_but_logged_ten_a_minute_then_summed_up()
    {
        await StartAsync();
        for (var i = 0; i < 15; i++)
        {
            FromStranger(CstaInvite(SetForwardImmediate("900555000111")));
            Assert.Equal(403, (await NextFinalAsync()).StatusCode);
        }
        await WaitFor(s => s.RefusedRequests == 15, "15 refusals counted");
        Assert.Equal(LineAgent.RefusalsLoggedPerMinute, _events.Log.Count(l => l.Event.Code == SyncLogCode.RequestRefused));

        _peer.Time.Advance(TimeSpan.FromSeconds(61));
        FromStranger(CstaInvite(SetForwardImmediate("900555000111")));

        await WaitFor(s => s.RefusedRequests == 16, "16 refusals counted");
        Assert.Contains((1, SyncLogEvent.Of(SyncLogCode.RequestsRefusedMore, SyncLogArg.Text(5))), _events.Log);
    }

    [Fact]
    public async Task Info_set_and_get_in_a_session_of_the_lines_server_are_refused_from_another_host()
    {
        await StartAsync();
        var callId = SipIds.NewCallId("pbx");
        await _peer.SendToPhoneAsync(PeerMessages.Invite(SipIds.NewBranch(), callId, "application/csta+xml"));
        var opened = await NextFinalAsync();
        Assert.Equal(200, opened.StatusCode);
        var phoneTag = opened.ToTag!;
        var get = $"""<?xml version="1.0" encoding="UTF-8"?><GetForwarding xmlns="{Ns}"><device>2001</device></GetForwarding>""";

        // The Get would reveal the forward target; the Set would change it.
        FromStranger(PeerMessages.InDialog("INFO", callId, phoneTag, 2, "application/csta+xml", get));
        Assert.Equal(403, (await NextFinalAsync()).StatusCode);
        FromStranger(PeerMessages.InDialog("INFO", callId, phoneTag, 3, "application/csta+xml", SetForwardImmediate("900555000111")));
        Assert.Equal(403, (await NextFinalAsync()).StatusCode);
        await WaitFor(s => s.RefusedRequests == 2, "two refusals");
        Assert.Contains((1, Refused("uaCSTA GetForwarding")), _events.Log);
        Assert.False(Agent.Status.Features.ForwardAlways.Enabled);

        // The server's own INFO in the same session still works, CSeq order intact.
        await _peer.SendToPhoneAsync(PeerMessages.InDialog("INFO", callId, phoneTag, 2, "application/csta+xml", get));
        var answer = await NextFinalAsync();
        Assert.Equal(200, answer.StatusCode);
        Assert.Contains("GetForwardingResponse", Encoding.UTF8.GetString(answer.Body.Span));
    }

    [Fact]
    public async Task With_calls_only_from_the_server_a_call_from_elsewhere_gets_403_and_one_from_the_server_rings()
    {
        await StartAsync(callsOnlyFromServer: true);

        FromStranger(PeerMessages.Invite(SipIds.NewBranch(), SipIds.NewCallId("caller")));
        Assert.Equal(403, (await NextFinalAsync()).StatusCode);
        await WaitFor(s => s.RefusedRequests == 1, "refusal counted");
        Assert.Contains((1, Refused("call from sip:3001@127.0.0.2")), _events.Log);

        await _peer.SendToPhoneAsync(PeerMessages.Invite(SipIds.NewBranch(), SipIds.NewCallId("caller")));
        var answer = await _peer.NextResponseAsync();
        while (answer.StatusCode == 100)
        {
            answer = await _peer.NextResponseAsync();
        }
        Assert.Equal(180, answer.StatusCode);
    }

    [Fact]
    public async Task A_profile_trusted_range_or_host_name_admits_a_cluster_member()
    {
        await StartAsync(trustedHosts: "127.0.0.8/31");

        FromStranger(CstaInvite(SetForwardImmediate("2424")));

        Assert.Equal(200, (await NextFinalAsync()).StatusCode);
        Assert.Equal("2424", (await WaitFor(s => s.Features.ForwardAlways.Enabled, "applied")).Features.ForwardAlways.Target);
    }

    [Fact]
    public async Task A_profile_trusted_host_name_is_resolved_when_the_line_registers()
    {
        await using var dns = new TestDnsServer();
        dns.AddA("node2.pbx.test", "127.0.0.9");
        await StartAsync(trustedHosts: "node2.pbx.test", resolver: new SipTargetResolver(SipTargetResolver.CreateLookupClient([dns.EndPoint])));
        Assert.False(Agent.IsServer(Stranger) && dns.Questions.IsEmpty, "not trusted before the name is looked up");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!Agent.IsServer(Stranger) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Contains(dns.Questions, q => q.StartsWith("node2.pbx.test", StringComparison.Ordinal));

        FromStranger(CstaInvite(SetForwardImmediate("2424")));

        Assert.Equal(200, (await NextFinalAsync()).StatusCode);
    }

    private sealed class RecordingCheckSync : ICheckSyncListener
    {
        public System.Collections.Concurrent.ConcurrentQueue<(int Line, bool Reboot)> Calls { get; } = new();

        public void CheckSyncRequested(int line, bool reboot) => Calls.Enqueue((line, reboot));
    }

    private static string CheckSync(string eventHeader) =>
        PeerMessages.Request("NOTIFY", "sip:2001@127.0.0.1", SipIds.NewBranch(), SipIds.NewCallId("pbx"), "<sip:pbx@127.0.0.2>;tag=cs",
            "<sip:2001@127.0.0.2>", "1 NOTIFY", extra: $"Event: {eventHeader}\r\nSubscription-State: terminated\r\n");

    [Fact]
    public async Task A_check_sync_notify_from_the_server_asks_for_a_resync_and_one_from_elsewhere_is_refused()
    {
        var listener = new RecordingCheckSync();
        await StartAsync(checkSync: listener);

        await _peer.SendToPhoneAsync(CheckSync("check-sync;reboot=true"));
        Assert.Equal(200, (await NextFinalAsync()).StatusCode);
        await WaitFor(_ => !listener.Calls.IsEmpty, "check-sync handed on");
        Assert.Equal([(1, true)], listener.Calls);

        FromStranger(CheckSync("check-sync"));
        Assert.Equal(403, (await NextFinalAsync()).StatusCode);
        await WaitFor(s => s.RefusedRequests == 1, "refusal counted");
        Assert.Single(listener.Calls);
        Assert.Contains((1, Refused("NOTIFY (check-sync)")), _events.Log);
    }

    [Fact]
    public async Task Without_provisioning_a_check_sync_notify_is_a_bad_event()
    {
        await StartAsync();

        await _peer.SendToPhoneAsync(CheckSync("check-sync"));

        Assert.Equal(489, (await NextFinalAsync()).StatusCode);
    }
}
