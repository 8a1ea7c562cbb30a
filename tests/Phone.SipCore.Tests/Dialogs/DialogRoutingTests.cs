using Phone.SipCore.Dialogs;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.Usages;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Dialogs;

/// <summary>
/// The stack's one routing step over a real transaction layer and an in-memory link: dialogs
/// with several subscriptions (RFC 6665 4.5.2), line identities by Contact token, 503 from a
/// full queue, capabilities in OPTIONS, CANCEL.
/// </summary>
public sealed class DialogRoutingTests : IAsyncLifetime
{
    private readonly ScriptedPeer _peer = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _peer.DisposeAsync();

    private SipEndPoint Server => new(SipTransportKind.Udp, _peer.ServerEndPoint);

    private static SipEvent Event(string package, string? id) =>
        new(package, id is null ? SipParameters.Empty : new SipParameters([new SipParameter("id", id)]));

    private static string Notify(SipDialog dialog, int cseq, string eventHeader) =>
        PeerMessages.Request("NOTIFY", "sip:2001@127.0.0.1", SipIds.NewBranch(), dialog.CallId, "<sip:2001@127.0.0.2>;tag=as1",
            $"<sip:2001@127.0.0.2>;tag={dialog.LocalTag}", $"{cseq} NOTIFY", extra: $"Event: {eventHeader}\r\nSubscription-State: active\r\n");

    private async Task<SipResponse> NextAnswerAsync(string method, bool final = true)
    {
        while (true)
        {
            var response = await _peer.NextResponseAsync();
            if (response.CSeq.Method.Name == method && (!final || response.StatusCode >= 200))
            {
                return response;
            }
        }
    }

    [Fact]
    public async Task One_dialog_carries_two_subscriptions_told_apart_by_event_id_and_ends_with_the_last()
    {
        var dialog = SipDialog.CreateOutgoing(SipIds.NewCallId("phone"), "sip:2001@127.0.0.2", "sip:2001@127.0.0.2", "sip:2001@127.0.0.2", Server);
        var entry = _peer.Stack.Dialogs.Add(dialog, DialogOwner.Inline(1));
        var a = new RecordingUsage(200);
        var b = new RecordingUsage(202);
        entry.AddUsage(a, Event("as-feature-event", "a"));
        entry.AddUsage(b, Event("as-feature-event", "b"));

        await _peer.SendToPhoneAsync(Notify(dialog, 1, "as-feature-event;id=b"));
        Assert.Equal(202, (await NextAnswerAsync("NOTIFY")).StatusCode);
        await _peer.SendToPhoneAsync(Notify(dialog, 2, "as-feature-event;id=a"));
        Assert.Equal(200, (await NextAnswerAsync("NOTIFY")).StatusCode);
        await _peer.SendToPhoneAsync(Notify(dialog, 3, "as-feature-event;id=c"));
        Assert.Equal(481, (await NextAnswerAsync("NOTIFY")).StatusCode);
        await _peer.SendToPhoneAsync(Notify(dialog, 4, "presence"));
        Assert.Equal(489, (await NextAnswerAsync("NOTIFY")).StatusCode);
        Assert.Equal(1, a.Requests);
        Assert.Equal(1, b.Requests);

        entry.RemoveUsage(a);
        Assert.True(_peer.Stack.Dialogs.Contains(dialog.CallId), "the dialog lives while a usage does");
        entry.RemoveUsage(b);
        Assert.False(_peer.Stack.Dialogs.Contains(dialog.CallId));
        await _peer.SendToPhoneAsync(Notify(dialog, 5, "as-feature-event;id=b"));
        Assert.Equal(481, (await NextAnswerAsync("NOTIFY")).StatusCode);
        Assert.Equal(1, b.Requests);
    }

    [Fact]
    public async Task A_full_owner_queue_is_answered_503_with_retry_after_and_its_usage_sees_nothing()
    {
        var dialog = SipDialog.CreateOutgoing(SipIds.NewCallId("phone"), "sip:2001@127.0.0.2", "sip:2001@127.0.0.2", "sip:2001@127.0.0.2", Server);
        var usage = new RecordingUsage(200);
        _peer.Stack.Dialogs.Add(dialog, new DialogOwner(new FullQueue(), 1)).AddUsage(usage, Event("as-feature-event", null));

        await _peer.SendToPhoneAsync(Notify(dialog, 1, "as-feature-event"));

        var answer = await NextAnswerAsync("NOTIFY");
        Assert.Equal(503, answer.StatusCode);
        Assert.Equal("1", answer.GetHeaderValue(HeaderId.RetryAfter));
        Assert.Equal(1, _peer.Stack.BusyCount);
        Assert.Equal(0, usage.Requests);
    }

    [Fact]
    public async Task Out_of_dialog_requests_route_by_line_token_then_by_a_unique_user_else_485()
    {
        var seen = new List<string>();
        var line1 = _peer.Stack.AddIdentity(new LocalIdentity("2001", "tok1", DialogOwner.Inline(1), new UserRouter(t =>
        {
            seen.Add("line 1");
            t.Respond(486, "Busy Here", "l1");
        })));
        using var line2 = _peer.Stack.AddIdentity(new LocalIdentity("2001", "tok2", DialogOwner.Inline(2), new UserRouter(t =>
        {
            seen.Add("line 2");
            t.Respond(486, "Busy Here", "l2");
        })));

        await _peer.SendToPhoneAsync(Invite("sip:2001@127.0.0.1:5060;line=tok2"));
        Assert.Equal(486, (await NextAnswerAsync("INVITE")).StatusCode);
        await _peer.SendToPhoneAsync(Invite("sip:2001@127.0.0.1:5060;line=tok1"));
        Assert.Equal(486, (await NextAnswerAsync("INVITE")).StatusCode);
        Assert.Equal(["line 2", "line 1"], seen);

        await _peer.SendToPhoneAsync(Invite("sip:2001@127.0.0.1:5060"));
        Assert.Equal(485, (await NextAnswerAsync("INVITE")).StatusCode); // RFC 3261 21.4.23

        line1.Dispose();
        await _peer.SendToPhoneAsync(Invite("sip:2001@127.0.0.1:5060"));
        Assert.Equal(486, (await NextAnswerAsync("INVITE")).StatusCode);
        Assert.Equal(["line 2", "line 1", "line 2"], seen);
        await _peer.SendToPhoneAsync(Invite("sip:3003@127.0.0.1:5060"));
        Assert.Equal(404, (await NextAnswerAsync("INVITE")).StatusCode);
    }

    [Fact]
    public async Task Options_lists_the_methods_and_packages_the_usages_registered_and_no_more()
    {
        await _peer.SendToPhoneAsync(Options());
        var bare = await NextAnswerAsync("OPTIONS");
        Assert.Equal("ACK, CANCEL, OPTIONS", bare.GetHeaderValue(HeaderId.Allow));
        Assert.Null(bare.GetHeaderValue(HeaderId.AllowEvents));

        using (_peer.Stack.Capabilities.Add(["NOTIFY"], ["as-feature-event"]))
        using (_peer.Stack.Capabilities.Add(["INVITE", "NOTIFY"], ["as-feature-event", "dialog"]))
        {
            await _peer.SendToPhoneAsync(Options());
            var full = await NextAnswerAsync("OPTIONS");
            Assert.Equal("ACK, CANCEL, OPTIONS, INVITE, NOTIFY", full.GetHeaderValue(HeaderId.Allow));
            Assert.Equal("as-feature-event, dialog", full.GetHeaderValue(HeaderId.AllowEvents));
        }

        await _peer.SendToPhoneAsync(Options());
        Assert.Null((await NextAnswerAsync("OPTIONS")).GetHeaderValue(HeaderId.AllowEvents));
    }

    [Fact]
    public async Task A_cancel_of_an_unanswered_invite_is_answered_200_and_the_invite_487()
    {
        ServerTransaction? held = null;
        using var line = _peer.Stack.RegisterUser("2001", new UserRouter(t => held = t)); // never answers

        await _peer.SendToPhoneAsync(PeerMessages.Invite("z9hG4bKinv1", "call-cancel"));
        Assert.Equal(100, (await NextAnswerAsync("INVITE", final: false)).StatusCode);
        Assert.NotNull(held);
        await _peer.SendToPhoneAsync(PeerMessages.Cancel("z9hG4bKinv1", "call-cancel"));

        Assert.Equal(200, (await NextAnswerAsync("CANCEL")).StatusCode);
        var final = await NextAnswerAsync("INVITE");
        Assert.Equal(487, final.StatusCode);
        Assert.NotNull(final.ToTag);
        await _peer.SendToPhoneAsync(PeerMessages.Cancel("z9hG4bKnone", "call-none"));
        Assert.Equal(481, (await NextAnswerAsync("CANCEL")).StatusCode);
    }

    private static string Invite(string uri) =>
        PeerMessages.Request("INVITE", uri, SipIds.NewBranch(), SipIds.NewCallId("pbx"), "<sip:3001@127.0.0.2>;tag=c1",
            "<sip:2001@127.0.0.2>", "1 INVITE");

    private static string Options() =>
        PeerMessages.Request("OPTIONS", "sip:2001@127.0.0.1", SipIds.NewBranch(), SipIds.NewCallId("pbx"), "<sip:3001@127.0.0.2>;tag=o1",
            "<sip:2001@127.0.0.2>", "1 OPTIONS");

    private sealed class RecordingUsage(int status) : IDialogUsage
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public void OnRequest(SipDialog dialog, ServerTransaction transaction)
        {
            Interlocked.Increment(ref _requests);
            transaction.Respond(status);
        }
    }

    private sealed class FullQueue : IRequestQueue
    {
        public bool TryPostRequest(Action work) => false;
    }
}
