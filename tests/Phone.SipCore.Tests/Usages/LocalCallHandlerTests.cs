using Phone.SipCore.SyncLog;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Local;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.FeatureSync;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

public sealed class LocalCallHandlerTests : IAsyncLifetime
{
    private readonly ScriptedPeer _peer = new();
    private readonly List<SyncLogEvent> _log = [];
    private readonly List<bool> _asked = [];
    private LocalCallHandler _handler = null!;

    public IncomingCallDecision Decision { get; set; } = new IncomingCallDecision.Ring(null, TimeSpan.Zero) { Reason = SyncLogCode.CallRinging };

    public ValueTask InitializeAsync()
    {
        _handler = new LocalCallHandler(_peer.Stack, "pbx.example", new TimerScheduler(_peer.Time), DialogOwner.Inline().Queue, ringing =>
        {
            lock (_asked)
            {
                _asked.Add(ringing);
            }
            return Decision;
        }, line =>
        {
            lock (_log)
            {
                _log.Add(line);
            }
        });
        _peer.Stack.RegisterUser("2001", new UserRouter(_handler.OnInvite));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await _peer.DisposeAsync();
    }

    private static string NewCallId() => SipIds.NewCallId("caller");

    private async Task<SipResponse> CallAsync(int expected, string? callId = null, string? branch = null)
    {
        await _peer.SendToPhoneAsync(PeerMessages.Invite(branch ?? SipIds.NewBranch(), callId ?? NewCallId()));
        return await _peer.NextAsync(expected);
    }

    [Fact]
    public async Task Busy_gets_486_with_a_to_tag_and_a_log_line()
    {
        Decision = new IncomingCallDecision.Busy { Reason = SyncLogCode.CallBusyDnd };

        var response = await CallAsync(486);

        Assert.NotNull(response.ToTag);
        Assert.Contains(SyncLogEvent.Of(SyncLogCode.CallBusyDnd, SyncLogArg.Text("sip:3001@127.0.0.2")), _log);
        Assert.Equal(0, _handler.RingingCount);
    }

    [Theory]
    [InlineData("2424", "sip:2424@pbx.example")]
    [InlineData("*2424#", "sip:*2424%23@pbx.example")]
    [InlineData("sip:voicemail@other.example", "sip:voicemail@other.example")]
    public async Task Forward_always_gets_302_with_the_target_in_contact(string target, string contact)
    {
        Decision = new IncomingCallDecision.Redirect(target) { Reason = SyncLogCode.CallForwardedAlways };

        var response = await CallAsync(302);

        Assert.True(response.TryGetContacts(out var contacts));
        Assert.Equal(contact, Assert.Single(contacts).Address!.UriText);
        Assert.Contains(SyncLogEvent.Of(SyncLogCode.CallForwardedAlways, SyncLogArg.Text("sip:3001@127.0.0.2"), SyncLogArg.Text(contact)), _log);
    }

    [Fact]
    public async Task Ringing_with_a_no_answer_forward_redirects_after_the_ring_time()
    {
        Decision = new IncomingCallDecision.Ring("2424", TimeSpan.FromSeconds(12)) { Reason = SyncLogCode.CallRingingThenForward };

        var ringing = await CallAsync(180);
        Assert.NotNull(ringing.ToTag);
        Assert.Equal(1, _handler.RingingCount);
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(11));
        Assert.False(_peer.Responses.Reader.TryRead(out _));
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(1));

        var moved = await _peer.NextAsync(302);
        Assert.Equal(ringing.ToTag, moved.ToTag); // the same dialog tag (RFC 3261 13.3.1.1)
        Assert.True(moved.TryGetContacts(out var contacts));
        Assert.Equal("sip:2424@pbx.example", contacts[0].Address!.UriText);
        Assert.Equal(0, _handler.RingingCount);
        Assert.Contains(SyncLogEvent.Of(SyncLogCode.CallRingingThenForward, SyncLogArg.Text("sip:3001@127.0.0.2"), SyncLogArg.Text("2424"), SyncLogArg.Text(12)), _log);
        Assert.Contains(SyncLogEvent.Of(SyncLogCode.CallForwardedNoAnswer, SyncLogArg.Text("sip:3001@127.0.0.2"), SyncLogArg.Text("sip:2424@pbx.example")), _log);
    }

    [Fact]
    public async Task An_unanswered_ring_without_forward_ends_with_480_after_three_minutes()
    {
        await CallAsync(180);

        await _peer.AdvanceAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(5));

        await _peer.NextAsync(480);
        Assert.Equal(0, _handler.RingingCount);
    }

    [Fact]
    public async Task Cancel_of_a_ringing_call_gets_200_and_the_invite_487()
    {
        Decision = new IncomingCallDecision.Ring("2424", TimeSpan.FromSeconds(12)) { Reason = SyncLogCode.CallRingingThenForward };
        var callId = NewCallId();
        var branch = SipIds.NewBranch();
        var ringing = await CallAsync(180, callId, branch);

        await _peer.SendToPhoneAsync(PeerMessages.Cancel(branch, callId));

        var first = await _peer.NextAsync(200);
        Assert.Equal("CANCEL", first.CSeq.Method.Name);
        var terminated = await _peer.NextAsync(487);
        Assert.Equal("INVITE", terminated.CSeq.Method.Name);
        Assert.Equal(ringing.ToTag, terminated.ToTag);
        Assert.Equal(0, _handler.RingingCount);
        Assert.Contains(_log, e => e.Code == SyncLogCode.CallCancelled);
        // RFC 3261 17.1.1.3: the ACK of the 487 carries the INVITE's branch; then nothing more comes.
        await _peer.SendToPhoneAsync(PeerMessages.Request("ACK", "sip:2001@127.0.0.1", branch, callId,
            "<sip:3001@127.0.0.2>;tag=caller", $"<sip:2001@127.0.0.2>;tag={ringing.ToTag}", "1 ACK"));
        // The no-answer timer was stopped with the call.
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(13));
        Assert.False(_peer.Responses.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_cancel_that_matches_no_ringing_call_gets_481()
    {
        var callId = NewCallId();
        await CallAsync(180, callId);

        await _peer.SendToPhoneAsync(PeerMessages.Cancel(SipIds.NewBranch(), callId));

        Assert.Equal("CANCEL", (await _peer.NextAsync(481)).CSeq.Method.Name);
        Assert.Equal(1, _handler.RingingCount);
    }

    [Fact]
    public async Task The_policy_is_told_when_another_call_is_ringing()
    {
        await CallAsync(180);
        Decision = new IncomingCallDecision.Busy { Reason = SyncLogCode.CallBusyAnotherRinging };

        await CallAsync(486);

        lock (_asked)
        {
            Assert.Equal([false, true], _asked);
        }
    }

    [Fact]
    public async Task Ringing_calls_are_bounded()
    {
        for (var i = 0; i < LocalCallHandler.MaxRinging; i++)
        {
            await CallAsync(180);
        }

        await CallAsync(486);

        Assert.Equal(LocalCallHandler.MaxRinging, _handler.RingingCount);
        Assert.Contains(_log, e => e.Code == SyncLogCode.CallBusyTooMany);
    }

    [Fact]
    public async Task Dispose_ends_ringing_calls_with_480()
    {
        await CallAsync(180);

        _handler.Dispose();

        await _peer.NextAsync(480);
        Assert.Equal(0, _handler.RingingCount);
    }
}
