using Phone.SipCore.SyncLog;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.Tests.Usages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Lines;

public sealed class LineAgentTests : IAsyncLifetime
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private readonly ScriptedPeer _peer = new();
    private readonly LineStatusFeed _feed = new(NullLogger<LineStatusFeed>.Instance);
    private readonly Channel<LineStatus> _statuses = Channel.CreateUnbounded<LineStatus>();
    private readonly List<LineAgent> _agents = [];

    public ValueTask InitializeAsync()
    {
        _feed.Subscribe(s => _statuses.Writer.TryWrite(s));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            // A registered agent un-REGISTERs and waits at most 2 s for the answer on the stack's
            // clock, which here is fake: if the answer does not come (a test left the peer silent),
            // the fake clock must move for that bound to end, or the dispose waits for ever (seen
            // once in a full CI run, 2026-12-02). Bounded by 10 s of real time.
            var disposing = agent.DisposeAsync().AsTask();
            for (var step = 0; !disposing.IsCompleted && step < 100; step++)
            {
                await Task.WhenAny(disposing, Task.Delay(100, TestContext.Current.CancellationToken));
                await _peer.AdvanceAsync(TimeSpan.FromMilliseconds(500));
            }
            await disposing.WaitAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
        await _peer.DisposeAsync();
    }

    private LineAgent Agent(int line, string user, bool featureSync, string profile = "BroadWorks", bool enabled = true, LineFeatureState? initial = null,
        Func<PbxProfile, PbxProfile>? edit = null)
    {
        var settings = new LineSettings
        {
            Number = line, Enabled = enabled, User = user, RegistrarHost = "127.0.0.2", Port = _peer.ServerEndPoint.Port,
            Transport = SipTransportKind.Udp, FeatureSync = featureSync, PbxProfileId = 1,
        };
        var context = new LineAgentContext(_peer.Stack, _peer.Resolver, _feed, null, _peer.Time, NullLoggerFactory.Instance);
        var pbx = PbxPresets.Find(profile)! with { Id = 1 };
        var agent = new LineAgent(new LineConfiguration(settings, edit is null ? pbx : edit(pbx), ""),
            initial ?? LineFeatureState.Initial(line, _peer.Time.GetUtcNow()), context);
        _agents.Add(agent);
        return agent;
    }

    private async Task<LineStatus> WaitFor(Func<LineStatus, bool> condition)
    {
        // The latest snapshot of each line first: another line's update may already have been read.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_feed.Snapshot().FirstOrDefault(condition) is { } current)
            {
                return current;
            }
            await _statuses.Reader.ReadAsync(timeout.Token);
        }
    }

    /// <summary>Moves the fake clock a second at a time until a line status satisfies the condition, within a bound.</summary>
    private async Task<LineStatus> AdvanceUntil(Func<LineStatus, bool> condition, TimeSpan maxFakeTime)
    {
        for (var advanced = TimeSpan.Zero; advanced <= maxFakeTime; advanced += TimeSpan.FromSeconds(1))
        {
            if (_feed.Snapshot().FirstOrDefault(condition) is { } reached)
            {
                return reached;
            }
            using var settle = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            try
            {
                // Let the line's threads act on the last tick before the next one (a bounded wait, not a sleep).
                await _statuses.Reader.ReadAsync(settle.Token);
            }
            catch (OperationCanceledException)
            {
            }
            await _peer.AdvanceAsync(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"condition not reached within {maxFakeTime} of fake time");
    }

    private string Notify(SipRequest subscribe, bool dnd) =>
        $"NOTIFY sip:{subscribe.From.Uri!.User}@127.0.0.1:5060 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        $"From: {subscribe.GetHeaderValue(HeaderId.To)};tag=srv\r\nTo: {subscribe.GetHeaderValue(HeaderId.From)}\r\n" +
        $"Call-ID: {subscribe.CallId}\r\nCSeq: 1 NOTIFY\r\nEvent: as-feature-event\r\nSubscription-State: active;expires=3600\r\n" +
        "Content-Type: application/x-as-feature-event+xml\r\n" +
        Body($"<DoNotDisturbEvent xmlns=\"{Ns}\"><device>x</device><doNotDisturbOn>{(dnd ? "true" : "false")}</doNotDisturbOn></DoNotDisturbEvent>");

    private static string Body(string xml) => $"Content-Length: {Encoding.UTF8.GetByteCount(xml)}\r\n\r\n{xml}";

    private async Task<SipRequest> NextSubscribeAsync()
    {
        while (true)
        {
            var request = await _peer.NextRequestAsync();
            if (request.Method == SipMethod.Subscribe)
            {
                return request;
            }
        }
    }

    [Fact]
    public async Task With_sync_off_there_is_no_subscription_and_changes_are_executed_locally()
    {
        var agent = Agent(1, "2001", featureSync: false);
        agent.Start();
        await WaitFor(s => s.Registration == RegistrationState.Registered);

        var result = await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        Assert.True(result.Accepted);
        var status = await WaitFor(s => s.Features.Dnd.Enabled);
        Assert.Equal(FeatureStanding.Local, status.Features.Dnd.Standing);
        Assert.Equal(SubscriptionStatus.NotUsed, status.Subscription);
        Assert.Equal("REGISTER", (await _peer.NextRequestAsync()).Method.Name);
        Assert.False(_peer.TryTakeRequest(out _)); // no SUBSCRIBE
    }

    [Fact]
    public async Task Stored_server_state_is_shown_as_local_when_sync_is_off()
    {
        var stored = LineFeatureState.Initial(1, _peer.Time.GetUtcNow());
        stored = stored.With(stored.Dnd with { Enabled = true, Standing = FeatureStanding.Confirmed, Origin = FeatureOrigin.Server });

        var agent = Agent(1, "2001", featureSync: false, initial: stored);

        Assert.True(agent.Status.Features.Dnd.Enabled);
        Assert.Equal(FeatureStanding.Local, agent.Status.Features.Dnd.Standing);
    }

    [Fact]
    public async Task Invalid_changes_are_refused_with_the_reason_and_change_nothing()
    {
        var agent = Agent(1, "2001", featureSync: false);
        agent.Start();

        var noTarget = await agent.RequestAsync(new FeatureWish(FeatureKind.ForwardAlways, new FeatureValue(true), FeatureOrigin.Web));
        var badRings = await agent.RequestAsync(new FeatureWish(FeatureKind.ForwardNoAnswer, new FeatureValue(true, "1001", 21), FeatureOrigin.Web));

        Assert.False(noTarget.Accepted);
        Assert.Contains("Target", noTarget.Error);
        Assert.False(badRings.Accepted);
        Assert.Contains("from 0 to 20", badRings.Error);
        Assert.False(agent.Status.Features.ForwardAlways.Enabled);
    }

    [Fact]
    public async Task A_disabled_line_refuses_changes_and_does_not_register()
    {
        var agent = Agent(1, "2001", featureSync: true, enabled: false);
        agent.Start();

        var result = await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.LineDisabled, SyncLogArg.Text(1)), result.Error);
        Assert.Equal(RegistrationState.Disabled, agent.Status.Registration);
        Assert.False(_peer.TryTakeRequest(out _));
    }

    [Fact]
    public async Task Several_lines_each_keep_their_own_subscription_and_state()
    {
        var one = Agent(1, "2001", featureSync: true);
        var two = Agent(2, "2002", featureSync: true);
        one.Start();
        two.Start();
        var subscribes = new[] { await NextSubscribeAsync(), await NextSubscribeAsync() };
        var forOne = subscribes.Single(s => s.From.Uri!.User == "2001");
        var forTwo = subscribes.Single(s => s.From.Uri!.User == "2002");
        Assert.NotEqual(forOne.CallId, forTwo.CallId);

        await _peer.SendToPhoneAsync(Notify(forOne, dnd: true));
        await _peer.SendToPhoneAsync(Notify(forTwo, dnd: false));

        await WaitFor(s => s.Line == 1 && s.Features.Dnd is { Enabled: true, Standing: FeatureStanding.Confirmed });
        await WaitFor(s => s.Line == 2 && s.Features.Dnd is { Enabled: false, Standing: FeatureStanding.Confirmed });
        Assert.True(one.Status.Features.Dnd.Enabled);
        Assert.False(two.Status.Features.Dnd.Enabled);
    }

    [Fact]
    public async Task With_sync_on_the_first_round_ends_with_the_first_notify_not_with_the_registration()
    {
        var agent = Agent(1, "2001", featureSync: true);
        agent.Start();
        var subscribe = await NextSubscribeAsync();
        await WaitFor(s => s.Registration == RegistrationState.Registered && s.Subscription == SubscriptionStatus.WaitingForState);
        Assert.False(agent.FirstRound.IsCompleted);

        await _peer.SendToPhoneAsync(Notify(subscribe, dnd: true));

        await agent.FirstRound.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(SubscriptionStatus.Active, agent.Status.Subscription);
    }

    [Fact]
    public async Task With_sync_off_the_first_round_ends_with_the_registration()
    {
        var agent = Agent(1, "2001", featureSync: false);
        agent.Start();

        await agent.FirstRound.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(RegistrationState.Registered, agent.Status.Registration);
    }

    [Fact]
    public async Task A_refused_subscription_and_a_line_that_never_gets_an_answer_both_end_their_first_round()
    {
        _peer.Respond = r => r.Method == SipMethod.Subscribe ? SipResponse.Create(r, 489, null, "srv") : SipResponse.Create(r, 200, null, "srv");
        var refused = Agent(1, "2001", featureSync: true);
        refused.Start();
        await refused.FirstRound.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(SubscriptionStatus.Unsupported, refused.Status.Subscription);

        // No answer at all: the first round stays open while the REGISTER is retransmitted and
        // ends when its transaction times out (RFC 3261 17.1.2.2, Timer F: 64*T1 = 32 s).
        _peer.Respond = _ => null;
        var unanswered = Agent(2, "2002", featureSync: true);
        unanswered.Start();
        await WaitFor(s => s.Line == 2 && s.Registration == RegistrationState.Registering);
        Assert.False(unanswered.FirstRound.IsCompleted);
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(33), TimeSpan.FromSeconds(1));
        await unanswered.FirstRound.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(RegistrationState.Failed, unanswered.Status.Registration);
        _peer.Respond = r => SipResponse.Create(r, 200, null, "srv"); // the lines' stop at the end is answered
    }

    [Fact]
    public async Task Stopping_the_line_unsubscribes_with_expires_zero_then_unregisters()
    {
        var agent = Agent(1, "2001", featureSync: true);
        agent.Start();
        var subscribe = await NextSubscribeAsync();
        await _peer.SendToPhoneAsync(Notify(subscribe, dnd: true));
        await WaitFor(s => s.Subscription == SubscriptionStatus.Active);
        _agents.Remove(agent);

        await agent.DisposeAsync();

        var unsubscribe = await NextSubscribeAsync();
        Assert.Equal(0u, unsubscribe.Expires);
        Assert.Equal(subscribe.CallId, unsubscribe.CallId);
        var unregister = await _peer.NextRequestAsync();
        Assert.Equal(("REGISTER", 0u), (unregister.Method.Name, unregister.Expires));
    }

    [Fact]
    public async Task A_feature_the_server_does_not_assign_is_executed_locally()
    {
        var agent = Agent(1, "2001", featureSync: true);
        agent.Start();
        var subscribe = await NextSubscribeAsync();
        await _peer.SendToPhoneAsync(Notify(subscribe, dnd: false)); // only DND: forwards not assigned
        await WaitFor(s => s.Features.Dnd.Standing == FeatureStanding.Confirmed);
        // The settle window's timer is armed by the NOTIFY's work, which may still be running when
        // DND shows confirmed: move the fake clock in steps until the window has closed.
        await AdvanceUntil(s => s.Features.ForwardAlways.Standing == FeatureStanding.NotAssigned, TimeSpan.FromSeconds(30));

        await agent.RequestAsync(new FeatureWish(FeatureKind.ForwardAlways, new FeatureValue(true, "2424"), FeatureOrigin.Web));

        var status = await WaitFor(s => s.Features.ForwardAlways.Enabled);
        Assert.Equal(FeatureStanding.Local, status.Features.ForwardAlways.Standing);
    }

    [Fact]
    public async Task A_server_without_the_package_falls_back_to_the_profiles_feature_codes()
    {
        _peer.Respond = r => r.Method == SipMethod.Subscribe
            ? SipResponse.Create(r, 489, null, "srv")
            : SipMessageBuilder.ForResponseTo(r, 200, null, "srv").AddHeader(HeaderId.Contact, "<sip:pbx@127.0.0.2>").BuildResponse();
        var agent = Agent(1, "2001", featureSync: true); // BroadWorks preset: FAC codes *78 / *79
        agent.Start();
        await WaitFor(s => s.Subscription == SubscriptionStatus.Unsupported);

        var result = await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        Assert.True(result.Accepted, result.Error);
        SipRequest invite;
        do
        {
            invite = await _peer.NextRequestAsync();
        }
        while (invite.Method != SipMethod.Invite);
        Assert.Equal("sip:*78@127.0.0.2", invite.RequestUriText);
        // No BYE from the PBX: ours goes after the 5 s guard time. The guard timer starts when the
        // 2xx has been handled on another thread, so move the fake clock until the outcome shows.
        var sent = await AdvanceUntil(s => s.Features.Dnd.Standing == FeatureStanding.SentUnconfirmed, TimeSpan.FromSeconds(30));
        Assert.True(sent.Features.Dnd.Enabled);
    }

    [Fact]
    public async Task A_new_registration_after_a_failure_starts_a_new_subscription()
    {
        var registers = 0;
        _peer.Respond = r =>
        {
            if (r.Method == SipMethod.Register)
            {
                registers++;
                return registers == 2
                    ? SipResponse.Create(r, 500, null, "srv") // the refresh fails
                    : SipMessageBuilder.ForResponseTo(r, 200, null, "srv").AddHeader(HeaderId.Expires, "60").BuildResponse();
            }
            return SipResponse.Create(r, 200, null, "srv");
        };
        var agent = Agent(1, "2001", featureSync: true);
        agent.Start();
        var first = await NextSubscribeAsync();

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(52), TimeSpan.FromSeconds(1)); // refresh at 85 % of 60 s: 500
        await WaitFor(s => s.Registration == RegistrationState.Failed);
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(1)); // backoff, then 200 again
        var second = await NextSubscribeAsync();

        Assert.NotEqual(first.CallId, second.CallId);
        Assert.Null(second.ToTag);
    }

    private static PbxProfile WithDndCodes(PbxProfile p) => p with { DndOnCode = "*78", DndOffCode = "*79" };

    private static SipResponse AcceptWithContact(SipRequest r) =>
        SipMessageBuilder.ForResponseTo(r, 200, null, "srv").AddHeader(HeaderId.Contact, "<sip:pbx@127.0.0.2>").BuildResponse();

    private async Task<SipRequest> NextInviteAsync()
    {
        while (true)
        {
            var request = await _peer.NextRequestAsync();
            if (request.Method == SipMethod.Invite)
            {
                return request;
            }
        }
    }

    private string Terminated(SipRequest subscribe, string reason) =>
        $"NOTIFY sip:{subscribe.From.Uri!.User}@127.0.0.1:5060 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        $"From: {subscribe.GetHeaderValue(HeaderId.To)};tag=srv\r\nTo: {subscribe.GetHeaderValue(HeaderId.From)}\r\n" +
        $"Call-ID: {subscribe.CallId}\r\nCSeq: 2 NOTIFY\r\nEvent: as-feature-event\r\nSubscription-State: terminated;reason={reason}\r\n" +
        "Content-Length: 0\r\n\r\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_fortivoice_line_sends_its_change_as_a_set_subscribe_whatever_the_switch(bool featureSync)
    {
        var agent = Agent(1, "2001", featureSync, "FortiVoice", edit: WithDndCodes);
        agent.Start();
        var subscribe = await NextSubscribeAsync();
        await _peer.SendToPhoneAsync(Notify(subscribe, dnd: false));
        await WaitFor(s => s.Features.Dnd.Standing == FeatureStanding.Confirmed);

        var result = await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        Assert.True(result.Accepted, result.Error);
        var set = await NextSubscribeAsync();
        Assert.Equal(subscribe.CallId, set.CallId);
        Assert.Contains("<doNotDisturbOn>true</doNotDisturbOn>", Encoding.UTF8.GetString(set.Body.Span));
        var pending = await WaitFor(s => s.Features.Dnd is { Enabled: true, Standing: FeatureStanding.Pending });
        Assert.Equal(FeaturePath.Subscription, pending.PathOf(FeatureKind.Dnd));
    }

    [Theory]
    [InlineData("noresource")]
    [InlineData("rejected")]
    public async Task A_subscription_terminated_for_good_makes_a_fortivoice_line_dial_the_code(string reason)
    {
        _peer.Respond = AcceptWithContact;
        var agent = Agent(1, "2001", featureSync: false, "FortiVoice", edit: WithDndCodes);
        agent.Start();
        var subscribe = await NextSubscribeAsync();
        await _peer.SendToPhoneAsync(Notify(subscribe, dnd: false));
        await WaitFor(s => s.Subscription == SubscriptionStatus.Active);
        await _peer.SendToPhoneAsync(Terminated(subscribe, reason));
        await WaitFor(s => s.Subscription == SubscriptionStatus.Terminated);

        var result = await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        Assert.True(result.Accepted, result.Error);
        Assert.Equal("sip:*78@127.0.0.2", (await NextInviteAsync()).RequestUriText);
        var dialling = await WaitFor(s => s.Features.Dnd is { Enabled: true, Standing: FeatureStanding.Pending });
        Assert.Equal(FeaturePath.Code, dialling.PathOf(FeatureKind.Dnd));
    }

    [Fact]
    public async Task A_terminated_broadworks_subscription_without_a_code_refuses_the_change_by_name()
    {
        var agent = Agent(1, "2001", featureSync: true, "Metaswitch"); // no DND codes
        agent.Start();
        var subscribe = await NextSubscribeAsync();
        await _peer.SendToPhoneAsync(Notify(subscribe, dnd: false));
        await WaitFor(s => s.Subscription == SubscriptionStatus.Active);
        await _peer.SendToPhoneAsync(Terminated(subscribe, "noresource"));
        await WaitFor(s => s.Subscription == SubscriptionStatus.Terminated);

        var result = await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));

        Assert.False(result.Accepted);
        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.NoSyncPath, SyncLogArg.Text(1), SyncLogArg.Feature(FeatureKind.Dnd),
            SyncLogArg.Text("Metaswitch"), SyncLogArg.Text("as-feature-event"), new SyncLogArg(SyncLogArgKind.Value, "on")), result.Error);
    }

    [Fact]
    public async Task A_change_waiting_for_state_is_dialled_when_the_subscription_is_refused()
    {
        _peer.Respond = r => r.Method == SipMethod.Subscribe
            ? SipResponse.Create(r, 489, null, "srv")
            : AcceptWithContact(r);
        var agent = Agent(1, "2001", featureSync: true, "FortiVoice", edit: WithDndCodes);
        var queued = await agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web));
        Assert.True(queued.Accepted, queued.Error); // waits in the tracker for the subscription's state

        agent.Start();

        Assert.Equal("sip:*78@127.0.0.2", (await NextInviteAsync()).RequestUriText);
    }
}
