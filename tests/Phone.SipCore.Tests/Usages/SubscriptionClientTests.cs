using Phone.SipCore.SyncLog;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

public sealed class SubscriptionClientTests : IAsyncLifetime
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private readonly ScriptedPeer _peer = new();
    private readonly RecordingSubscriptionOwner _owner = new();
    private LineWorkQueue _queue = null!;
    private SubscriptionClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _queue = new LineWorkQueue(_peer.Time, NullLogger.Instance);
        var account = new SipAccount { User = "2001", Domain = "127.0.0.2", Port = _peer.ServerEndPoint.Port };
        _client = new SubscriptionClient(_peer.Stack, account, new DialogOwner(_queue, 1), "as-feature-event", _queue, _queue.Post, _owner, NullLogger.Instance);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync();
        await _peer.DisposeAsync();
    }

    private SipEndPoint Server => _peer.ServerLink.LocalEndPoint;

    private void Start() => _queue.Post(() => _client.Start(Server));

    private static SipResponse Accept(SipRequest r, string expires = "3600") =>
        SipMessageBuilder.ForResponseTo(r, 200, null, "as1").AddHeader(HeaderId.Expires, expires)
            .AddHeader(HeaderId.Contact, "<sip:as@127.0.0.2:5060>").BuildResponse();

    private static string Dnd(bool on) =>
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<DoNotDisturbEvent xmlns=\"{Ns}\"><device>2001</device><doNotDisturbOn>{(on ? "true" : "false")}</doNotDisturbOn></DoNotDisturbEvent>";

    private string Notify(SipRequest subscribe, string state, string? body = null, uint cseq = 1, string fromTag = "as1", string evt = "as-feature-event")
    {
        var content = body ?? "";
        return $"NOTIFY sip:2001@127.0.0.1:5060 SIP/2.0\r\n" +
               $"Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-n{Guid.NewGuid():N}\r\n" +
               "Max-Forwards: 70\r\n" +
               $"From: <sip:2001@127.0.0.2>;tag={fromTag}\r\n" +
               $"To: <sip:2001@127.0.0.2>;tag={subscribe.FromTag}\r\n" +
               $"Call-ID: {subscribe.CallId}\r\n" +
               $"CSeq: {cseq} NOTIFY\r\n" +
               "Contact: <sip:as@127.0.0.2:5060>\r\n" +
               $"Event: {evt}\r\n" +
               $"Subscription-State: {state}\r\n" +
               (body is null ? "" : "Content-Type: application/x-as-feature-event+xml\r\n") +
               $"Content-Length: {System.Text.Encoding.Latin1.GetByteCount(content)}\r\n\r\n{content}";
    }

    [Fact]
    public async Task Initial_subscribe_has_the_package_accept_expires_and_no_body()
    {
        _peer.Respond = r => Accept(r);
        Start();

        var subscribe = await _peer.NextRequestAsync();

        Assert.Equal("SUBSCRIBE", subscribe.Method.Name);
        Assert.Equal("sip:2001@127.0.0.2", subscribe.RequestUriText); // the address of record
        Assert.Equal("as-feature-event", subscribe.GetHeaderValue(HeaderId.Event));
        Assert.Equal("application/x-as-feature-event+xml", subscribe.GetHeaderValue(HeaderId.Accept));
        Assert.Equal(3600u, subscribe.Expires);
        Assert.Equal(0, subscribe.ContentLength);
        Assert.Null(subscribe.ToTag);
        await _owner.WaitForAsync("status:WaitingForState");
    }

    [Fact]
    public async Task First_notify_with_state_makes_the_subscription_active_and_is_answered_200()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.SendToPhoneAsync(Notify(subscribe, "active;expires=3540", Dnd(true)));

        Assert.Equal(200, (await _peer.NextResponseAsync()).StatusCode);
        Assert.Equal("notify:1", await _owner.WaitForAsync("notify"));
        await _owner.WaitForAsync("status:Active");
    }

    [Fact]
    public async Task A_notify_before_the_2xx_builds_the_dialog()
    {
        SipRequest? held = null;
        _peer.Respond = r =>
        {
            held = r;
            return null; // the 2xx is late
        };
        Start();
        var subscribe = await _peer.NextRequestAsync();

        await _peer.SendToPhoneAsync(Notify(subscribe, "active;expires=3600", Dnd(false)));

        Assert.Equal(200, (await _peer.NextResponseAsync()).StatusCode);
        await _owner.WaitForAsync("status:Active");
        await _peer.ServerLink.SendAsync(Accept(held!).Buffer, _peer.PhoneLink.LocalEndPoint, default);
        // Later in-dialog requests carry the tag learnt from the NOTIFY.
        _peer.Respond = r => Accept(r);
        _queue.Post(() => _client.SendSet(new SetDoNotDisturb(true) { Device = "2001" }, FeatureKind.Dnd));
        var set = await _peer.NextRequestAsync();
        Assert.Equal("as1", set.ToTag);
        Assert.Equal("sip:as@127.0.0.2:5060", set.RequestUriText);
    }

    [Fact]
    public async Task A_notify_for_an_unknown_dialog_gets_481()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.SendToPhoneAsync(Notify(subscribe, "active", Dnd(true), fromTag: "someone-else"));
        Assert.Equal(481, (await _peer.NextResponseAsync()).StatusCode);

        var stranger = Notify(subscribe, "active", Dnd(true)).Replace(subscribe.CallId, "unknown-call@x", StringComparison.Ordinal);
        await _peer.SendToPhoneAsync(stranger);
        Assert.Equal(481, (await _peer.NextResponseAsync()).StatusCode);
        Assert.Empty(_owner.Bodies);
    }

    [Fact]
    public async Task A_notify_older_than_one_already_taken_gets_500_and_is_not_applied()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _peer.SendToPhoneAsync(Notify(subscribe, "active", Dnd(false), cseq: 1));
        Assert.Equal(200, (await _peer.NextResponseAsync()).StatusCode);
        await _peer.SendToPhoneAsync(Notify(subscribe, "active", Dnd(true), cseq: 3));
        Assert.Equal(200, (await _peer.NextResponseAsync()).StatusCode);

        // CSeq 2 was lost and its retransmission comes after 3 (RFC 3261 12.2.2).
        await _peer.SendToPhoneAsync(Notify(subscribe, "active", Dnd(false), cseq: 2));

        Assert.Equal(500, (await _peer.NextResponseAsync()).StatusCode);
        Assert.Equal(2, _owner.Bodies.Count);
    }

    [Fact]
    public async Task A_notify_with_the_right_dialog_from_another_host_gets_481_and_changes_nothing()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");
        var stranger = new SipEndPoint(SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.9"), 5060));

        _peer.Stack.OnPacket(new ReceivedPacket(System.Text.Encoding.Latin1.GetBytes(Notify(subscribe, "active", Dnd(true))), stranger, _peer.PhoneLink.LocalEndPoint));

        Assert.Equal(481, (await _peer.NextResponseAsync()).StatusCode);
        Assert.Empty(_owner.Bodies);
        // The same NOTIFY from the server itself is taken.
        await _peer.SendToPhoneAsync(Notify(subscribe, "active", Dnd(true), cseq: 2));
        Assert.Equal(200, (await _peer.NextResponseAsync()).StatusCode);
    }

    [Fact]
    public async Task A_notify_for_another_package_gets_489()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.SendToPhoneAsync(Notify(subscribe, "active", Dnd(true), evt: "presence"));

        Assert.Equal(489, (await _peer.NextResponseAsync()).StatusCode);
    }

    [Fact]
    public async Task Set_documents_travel_in_dialog_one_at_a_time_with_rising_cseq()
    {
        var answers = new List<SipRequest>();
        _peer.Respond = r =>
        {
            if (r.ContentLength > 0)
            {
                answers.Add(r);
                return answers.Count == 1 ? null : Accept(r); // the first Set waits for its answer
            }
            return Accept(r);
        };
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        _queue.Post(() =>
        {
            _client.SendSet(new SetDoNotDisturb(true) { Device = "2001" }, FeatureKind.Dnd);
            _client.SendSet(new SetForwarding(ForwardingType.Busy, true, "2424", null) { Device = "2001" }, FeatureKind.ForwardBusy);
        });
        var first = await _peer.NextRequestAsync();
        Assert.False(_peer.TryTakeRequest(out _)); // the second waits for the first

        await _peer.ServerLink.SendAsync(Accept(first).Buffer, _peer.PhoneLink.LocalEndPoint, default);
        var second = await _peer.NextRequestAsync();

        Assert.Equal(subscribe.CallId, first.CallId);
        Assert.Equal(subscribe.CSeq.Number + 1, first.CSeq.Number);
        Assert.Equal(first.CSeq.Number + 1, second.CSeq.Number);
        Assert.Contains("<SetDoNotDisturb", System.Text.Encoding.Latin1.GetString(first.Body.Span));
        Assert.Contains("<SetForwarding", System.Text.Encoding.Latin1.GetString(second.Body.Span));
        Assert.Equal("application/x-as-feature-event+xml", first.GetHeaderValue(HeaderId.ContentType));
        Assert.Equal(3600u, first.Expires);
    }

    [Fact]
    public async Task A_481_to_a_set_starts_a_new_subscription()
    {
        _peer.Respond = r => r.ContentLength > 0 ? SipResponse.Create(r, 481, null, "as1") : Accept(r);
        Start();
        var first = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        _queue.Post(() => _client.SendSet(new SetDoNotDisturb(true) { Device = "2001" }, FeatureKind.Dnd));
        await _peer.NextRequestAsync();

        await _owner.WaitForAsync("lost");
        var again = await _peer.NextRequestAsync();
        Assert.NotEqual(first.CallId, again.CallId);
        Assert.Null(again.ToTag);
        Assert.Equal(0, again.ContentLength);
    }

    [Fact]
    public async Task An_error_to_a_set_is_reported_for_that_feature()
    {
        _peer.Respond = r => r.ContentLength > 0 ? SipResponse.Create(r, 403, null, "as1") : Accept(r);
        Start();
        await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        _queue.Post(() => _client.SendSet(new SetDoNotDisturb(true) { Device = "2001" }, FeatureKind.Dnd));

        Assert.Equal("set:Dnd:403", await _owner.WaitForAsync("set:"));
    }

    [Fact]
    public async Task Refreshes_before_the_expiry_granted_by_the_2xx()
    {
        _peer.Respond = r => Accept(r, expires: "600");
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(509), TimeSpan.FromSeconds(1));
        Assert.False(_peer.TryTakeRequest(out _));
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        var refresh = await _peer.NextRequestAsync();

        Assert.Equal(subscribe.CallId, refresh.CallId);
        Assert.Equal("as1", refresh.ToTag);
        Assert.Equal(0, refresh.ContentLength);
    }

    [Fact]
    public async Task Notify_expires_reschedules_the_refresh()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.SendToPhoneAsync(Notify(subscribe, "active;expires=100", Dnd(true)));
        await _owner.WaitForAsync("status:Active");
        await _peer.NextResponseAsync();
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(86), TimeSpan.FromSeconds(1));

        Assert.Equal(subscribe.CallId, (await _peer.NextRequestAsync()).CallId);
    }

    [Fact]
    public async Task A_481_to_a_refresh_starts_a_new_subscription()
    {
        var count = 0;
        _peer.Respond = r => ++count == 2 ? SipResponse.Create(r, 481, null, "as1") : Accept(r, "100");
        Start();
        var first = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(86), TimeSpan.FromSeconds(1));
        await _peer.NextRequestAsync(); // the refresh, answered 481
        var again = await _peer.NextRequestAsync();

        Assert.NotEqual(first.CallId, again.CallId);
        await _owner.WaitForAsync("lost");
    }

    [Theory]
    [InlineData(489)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(501)]
    public async Task A_server_without_the_package_is_reported_and_not_hammered(int status)
    {
        _peer.Respond = r => SipResponse.Create(r, status, null, "as1");
        Start();
        await _peer.NextRequestAsync();

        var report = await _owner.WaitForAsync("status:Unsupported");
        Assert.Contains($"{status} ", report);
        Assert.Equal(status, await _queue.InvokeAsync(() => _owner.LastStatusCode)); // for the diagnosis, without parsing the detail
        Assert.True(await _queue.InvokeAsync(() => _client.IsRefused));
        await _peer.AdvanceAsync(TimeSpan.FromMinutes(9), TimeSpan.FromSeconds(10));
        Assert.False(_peer.TryTakeRequest(out _));
        await _peer.AdvanceAsync(TimeSpan.FromMinutes(1.5), TimeSpan.FromSeconds(10));
        Assert.Equal("SUBSCRIBE", (await _peer.NextRequestAsync()).Method.Name);
        // The second refusal doubles the wait to 20 minutes.
        await _owner.WaitForAsync("status:Unsupported");
        await _peer.AdvanceAsync(TimeSpan.FromMinutes(19), TimeSpan.FromSeconds(10));
        Assert.False(_peer.TryTakeRequest(out _));
    }

    [Theory]
    [InlineData("terminated;reason=deactivated", true)]
    [InlineData("terminated;reason=timeout", true)]
    [InlineData("terminated;reason=rejected", false)]
    [InlineData("terminated;reason=noresource", false)]
    public async Task Termination_resubscribes_at_once_or_never_by_reason(string state, bool resubscribes)
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.SendToPhoneAsync(Notify(subscribe, state));
        await _owner.WaitForAsync("status:Terminated");

        // Ended for good: the line sends its changes as codes meanwhile (docs/protocol.md 3).
        Assert.Equal(!resubscribes, await _queue.InvokeAsync(() => _client.IsRefused));
        if (resubscribes)
        {
            Assert.NotEqual(subscribe.CallId, (await _peer.NextRequestAsync()).CallId);
        }
        else
        {
            await _peer.AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromMinutes(1));
            Assert.False(_peer.TryTakeRequest(out _));
            Assert.Equal(StatusPhraseCode.TerminatedNotRetrying, StatusPhrase.TryDecode(_owner.LastDetail, out var why) ? why.Code : (StatusPhraseCode?)null);
        }
    }

    [Fact]
    public async Task Probation_waits_for_retry_after()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.SendToPhoneAsync(Notify(subscribe, "terminated;reason=probation;retry-after=120"));
        await _owner.WaitForAsync("status:Terminated");
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(119), TimeSpan.FromSeconds(1));
        Assert.False(_peer.TryTakeRequest(out _));
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

        Assert.Equal("SUBSCRIBE", (await _peer.NextRequestAsync()).Method.Name);
    }

    [Fact]
    public async Task Accepted_without_any_notify_says_no_state_received()
    {
        _peer.Respond = r => Accept(r);
        Start();
        await _peer.NextRequestAsync();
        await _owner.WaitForAsync($"status:WaitingForState:{StatusPhrase.Detail(StatusPhraseCode.WaitingForFirstNotify)}");

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(1));

        Assert.Equal($"status:WaitingForState:{StatusPhrase.Detail(StatusPhraseCode.SubscribedNoState)}", await _owner.WaitForAsync("status:WaitingForState"));
    }

    [Fact]
    public async Task An_empty_notify_on_an_active_subscription_makes_it_active_with_no_state_held_by_the_server()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.SendToPhoneAsync(Notify(subscribe, "active;expires=3600"));

        Assert.Equal("notify:0", await _owner.WaitForAsync("notify"));
        Assert.Equal($"status:Active:{SubscriptionClient.NoStateDetail}", await _owner.WaitForAsync("status:"));
        Assert.True(await _queue.InvokeAsync(() => _client.ServerHoldsNoState));
        // The no-state timer must not turn it back into "waiting".
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((SubscriptionStatus.Active, SubscriptionClient.NoStateDetail), (_owner.LastStatus, _owner.LastDetail));
    }

    [Fact]
    public async Task An_empty_notify_while_pending_is_passed_on_and_the_subscription_still_waits_for_state()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        await _peer.SendToPhoneAsync(Notify(subscribe, "pending;expires=3600"));

        Assert.Equal("notify:0", await _owner.WaitForAsync("notify"));
        Assert.Equal(SubscriptionStatus.WaitingForState, _owner.LastStatus);
        Assert.False(await _queue.InvokeAsync(() => _client.ServerHoldsNoState));
    }

    [Fact]
    public async Task Stop_unsubscribes_with_expires_zero_and_answers_the_final_notify()
    {
        _peer.Respond = r => Accept(r);
        Start();
        var subscribe = await _peer.NextRequestAsync();
        await _owner.WaitForAsync("status:WaitingForState");

        _queue.Post(_client.Stop);
        var unsubscribe = await _peer.NextRequestAsync();
        await _peer.SendToPhoneAsync(Notify(subscribe, "terminated;reason=timeout", cseq: 2));

        Assert.Equal(0u, unsubscribe.Expires);
        Assert.Equal(subscribe.CallId, unsubscribe.CallId);
        Assert.Equal(200, (await _peer.NextResponseAsync()).StatusCode);
        await _peer.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        Assert.False(_peer.TryTakeRequest(out _)); // no resubscription after a stop
    }
}
