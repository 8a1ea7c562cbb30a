using Phone.SipCore.SyncLog;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Tests.FeatureSync;

public sealed class AsFeatureEventTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingOutput _out = new();
    private readonly AsFeatureEventTracker _tracker;

    public AsFeatureEventTrackerTests()
    {
        _tracker = new AsFeatureEventTracker(LineFeatureState.Initial(1, _time.GetUtcNow()), "2001", _out,
            new TimerScheduler(_time), _time);
    }

    private static FeatureBody Body(params FeatureDocument[] documents) => new(documents, []);

    private static DoNotDisturbEvent Dnd(bool on) => new(on) { Device = "2001" };

    private static ForwardingEvent Fwd(ForwardingType type, bool on, string? to = null, int? rings = null) => new(type, on, to, rings) { Device = "2001" };

    private static FeatureWish Wish(FeatureKind kind, bool on, string? to = null, int? rings = null) =>
        new(kind, new FeatureValue(on, to, rings), FeatureOrigin.Web);

    private void FullState(bool dnd = false) => _tracker.OnNotify(Body(Dnd(dnd),
        Fwd(ForwardingType.Immediate, false), Fwd(ForwardingType.Busy, false), Fwd(ForwardingType.NoAnswer, false, null, 3)));

    [Fact]
    public void Full_state_applies_every_feature_as_confirmed_by_the_server()
    {
        _tracker.OnNotify(Body(Dnd(true), Fwd(ForwardingType.NoAnswer, true, "1001", 4), Fwd(ForwardingType.Busy, true, "2424")));

        var state = _tracker.State;
        Assert.True(state.Dnd.Enabled);
        Assert.Equal(FeatureStanding.Confirmed, state.Dnd.Standing);
        Assert.Equal(FeatureOrigin.Server, state.Dnd.Origin);
        Assert.Equal(("1001", 4), (state.ForwardNoAnswer.Target, state.ForwardNoAnswer.RingCount));
        Assert.Equal("2424", state.ForwardBusy.Target);
        Assert.Empty(_out.Sent); // a NOTIFY is never echoed back as a request
    }

    [Fact]
    public void Features_absent_from_the_full_state_become_not_assigned_after_the_window()
    {
        _tracker.OnNotify(Body(Dnd(false)));
        Assert.Equal(FeatureStanding.Local, _tracker.State.ForwardAlways.Standing);

        // One feature per NOTIFY: the busy forward arrives inside the window.
        _time.Advance(TimeSpan.FromSeconds(1));
        _tracker.OnNotify(Body(Fwd(ForwardingType.Busy, true, "2424")));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(FeatureStanding.NotAssigned, _tracker.State.ForwardAlways.Standing);
        Assert.Equal(FeatureStanding.NotAssigned, _tracker.State.ForwardNoAnswer.Standing);
        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.ForwardBusy.Standing);
        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.Dnd.Standing);
    }

    [Fact]
    public void An_empty_notify_alone_changes_nothing_known()
    {
        _tracker.OnNotify(FeatureBody.Empty);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(_tracker.HasServerState);
        Assert.All(_tracker.State.All, s => Assert.Equal(FeatureStanding.Local, s.Standing));
    }

    [Fact]
    public void A_server_holding_no_state_shows_every_feature_as_not_reported_by_the_server()
    {
        _tracker.OnNotify(FeatureBody.Empty);
        _tracker.OnServerHoldsNoState();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(_tracker.ServerHoldsNoState);
        Assert.All(_tracker.State.All, s => Assert.Equal((FeatureStanding.NotReported, FeatureOrigin.Server), (s.Standing, s.Origin)));
        Assert.Equal("not reported by the server", _tracker.State.Dnd.Detail);
    }

    [Fact]
    public void A_change_waiting_for_state_is_sent_once_the_server_says_it_holds_none_and_its_notify_confirms_it()
    {
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        Assert.Empty(_out.Sent);

        _tracker.OnServerHoldsNoState();

        Assert.Equal(new SetDoNotDisturb(true) { Device = "2001" }, Assert.Single(_out.Sent));
        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);
        Assert.Equal(FeatureStanding.NotReported, _tracker.State.ForwardBusy.Standing);

        _tracker.OnNotify(Body(Dnd(true)));
        _time.Advance(TimeSpan.FromSeconds(5)); // past the full-state window

        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.Dnd.Standing);
        // Features the answer to our Set left out are still not the server's, not "not assigned".
        Assert.Equal(FeatureStanding.NotReported, _tracker.State.ForwardBusy.Standing);
    }

    [Fact]
    public void A_missing_ring_count_keeps_the_known_one()
    {
        _tracker.OnNotify(Body(Fwd(ForwardingType.NoAnswer, true, "1001", 5)));
        _tracker.OnNotify(Body(Fwd(ForwardingType.NoAnswer, true, "1002")));

        Assert.Equal(("1002", 5), (_tracker.State.ForwardNoAnswer.Target, _tracker.State.ForwardNoAnswer.RingCount));
    }

    [Fact]
    public void A_phone_change_is_pending_until_the_notify_confirms_it()
    {
        FullState();

        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));

        Assert.Equal(new SetDoNotDisturb(true) { Device = "2001" }, Assert.Single(_out.Sent));
        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);
        Assert.True(_tracker.State.Dnd.Enabled);

        _tracker.OnSetResponse(FeatureKind.Dnd, 200, "OK");
        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);

        _tracker.OnNotify(Body(Dnd(true)));
        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.Dnd.Standing);
        Assert.Equal(FeatureOrigin.Web, _tracker.State.Dnd.Origin);
        Assert.False(_tracker.IsInFlight(FeatureKind.Dnd));
    }

    [Fact]
    public void Forward_no_answer_request_carries_target_and_ring_count()
    {
        FullState();

        _tracker.RequestChange(Wish(FeatureKind.ForwardNoAnswer, true, "1001", 4));

        Assert.Equal(new SetForwarding(ForwardingType.NoAnswer, true, "1001", 4) { Device = "2001" }, Assert.Single(_out.Sent));
        _tracker.OnNotify(Body(Fwd(ForwardingType.NoAnswer, true, "1001", 4)));
        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.ForwardNoAnswer.Standing);
    }

    [Fact]
    public void Old_value_then_new_value_inside_the_window_is_confirmed()
    {
        FullState();
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));

        _tracker.OnNotify(Body(Dnd(false))); // the old state, sent right after the Set (Kamailio)
        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);
        _time.Advance(TimeSpan.FromMilliseconds(900));
        _tracker.OnNotify(Body(Dnd(true)));
        _time.Advance(TimeSpan.FromSeconds(10)); // neither the settle nor the confirmation timer may undo it

        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.Dnd.Standing);
        Assert.True(_tracker.State.Dnd.Enabled);
    }

    [Fact]
    public void A_refusing_notify_rejects_the_change_when_the_settle_window_ends_well_within_two_seconds()
    {
        FullState(dnd: false);
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        _time.Advance(TimeSpan.FromMilliseconds(30));
        _tracker.OnNotify(Body(Dnd(false))); // the refusal

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var state = _tracker.State.Dnd;
        Assert.Equal((FeatureStanding.Rejected, false, FeatureOrigin.Server), (state.Standing, state.Enabled, state.Origin));
        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.ServerKept, SyncLogArg.ValueOf(FeatureKind.Dnd, new FeatureValue(false)),
            SyncLogArg.ValueOf(FeatureKind.Dnd, new FeatureValue(true))), state.Detail);
    }

    [Fact]
    public void Each_notify_of_the_feature_restarts_the_settle_window()
    {
        FullState(dnd: false);
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        _tracker.OnNotify(Body(Dnd(false)));
        _time.Advance(TimeSpan.FromMilliseconds(800));
        _tracker.OnNotify(Body(Dnd(false)));
        _time.Advance(TimeSpan.FromMilliseconds(800));

        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(FeatureStanding.Rejected, _tracker.State.Dnd.Standing);
    }

    [Fact]
    public void A_notify_of_another_feature_does_not_settle_the_pending_one()
    {
        FullState(dnd: false);
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        _tracker.OnNotify(Body(Fwd(ForwardingType.Busy, true, "3000")));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);
    }

    [Fact]
    public void A_notify_that_keeps_the_old_value_is_a_rejection_when_the_settle_window_ends_and_the_server_wins()
    {
        FullState();
        _tracker.RequestChange(Wish(FeatureKind.ForwardAlways, true, "2424"));
        _tracker.OnNotify(Body(Fwd(ForwardingType.Immediate, false)));

        _time.Advance(TimeSpan.FromSeconds(1));

        var state = _tracker.State.ForwardAlways;
        Assert.Equal(FeatureStanding.Rejected, state.Standing);
        Assert.False(state.Enabled);
        Assert.Equal(FeatureOrigin.Server, state.Origin);
        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.ServerKept, SyncLogArg.ValueOf(FeatureKind.ForwardAlways, new FeatureValue(false)),
            SyncLogArg.ValueOf(FeatureKind.ForwardAlways, new FeatureValue(true, "2424"))), state.Detail);
    }

    [Fact]
    public void No_notify_in_the_window_is_not_confirmed()
    {
        FullState();
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));

        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(FeatureStanding.NotConfirmed, _tracker.State.Dnd.Standing);
        Assert.True(_tracker.State.Dnd.Enabled);
        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.NoNotifyWithin, SyncLogArg.Text("10")), _tracker.State.Dnd.Detail);
    }

    [Fact]
    public void The_confirmation_window_is_configurable()
    {
        var tracker = new AsFeatureEventTracker(LineFeatureState.Initial(1, _time.GetUtcNow()), "2001", _out,
            new TimerScheduler(_time), _time, new AsFeatureEventOptions { ConfirmationWindow = TimeSpan.FromSeconds(2) });
        tracker.OnNotify(Body(Dnd(false)));
        tracker.RequestChange(Wish(FeatureKind.Dnd, true));

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(FeatureStanding.NotConfirmed, tracker.State.Dnd.Standing);
    }

    [Fact]
    public void An_error_response_to_the_set_is_a_rejection_and_the_old_value_stays()
    {
        FullState(dnd: false);
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));

        _tracker.OnSetResponse(FeatureKind.Dnd, 403, "Forbidden");

        Assert.Equal(FeatureStanding.Rejected, _tracker.State.Dnd.Standing);
        Assert.False(_tracker.State.Dnd.Enabled);
        Assert.Contains("403 Forbidden", _tracker.State.Dnd.Detail);
    }

    [Fact]
    public void Rapid_toggles_collapse_to_the_last_wish_with_one_set_in_flight()
    {
        FullState(dnd: false);

        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        _tracker.RequestChange(Wish(FeatureKind.Dnd, false));
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        _tracker.RequestChange(Wish(FeatureKind.Dnd, false));

        Assert.Single(_out.Sent);
        _tracker.OnNotify(Body(Dnd(true)));

        // The last wish (off) is sent next, once; nothing else.
        Assert.Equal([new SetDoNotDisturb(true) { Device = "2001" }, new SetDoNotDisturb(false) { Device = "2001" }], _out.Sent);
        _tracker.OnNotify(Body(Dnd(false)));
        Assert.Equal(2, _out.Sent.Count);
        Assert.False(_tracker.State.Dnd.Enabled);
        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.Dnd.Standing);
    }

    [Fact]
    public void Toggling_away_and_back_while_in_flight_sends_nothing_more()
    {
        FullState(dnd: false);
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        _tracker.RequestChange(Wish(FeatureKind.Dnd, false));
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));

        _tracker.OnNotify(Body(Dnd(true)));

        Assert.Single(_out.Sent);
        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.Dnd.Standing);
    }

    [Fact]
    public void Features_are_independent_one_set_each_in_flight()
    {
        FullState();
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        _tracker.RequestChange(Wish(FeatureKind.ForwardBusy, true, "2424"));

        Assert.Equal(2, _out.Sent.Count);
        Assert.True(_tracker.IsInFlight(FeatureKind.Dnd));
        Assert.True(_tracker.IsInFlight(FeatureKind.ForwardBusy));
    }

    [Fact]
    public void A_server_change_without_a_request_is_applied_and_not_echoed()
    {
        FullState();

        _tracker.OnNotify(Body(Fwd(ForwardingType.Busy, true, "3000")));

        Assert.Empty(_out.Sent);
        Assert.Equal(("3000", FeatureStanding.Confirmed, FeatureOrigin.Server),
            (_tracker.State.ForwardBusy.Target, _tracker.State.ForwardBusy.Standing, _tracker.State.ForwardBusy.Origin));
    }

    [Fact]
    public void A_change_before_any_state_waits_for_the_subscription_then_is_sent()
    {
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        Assert.Empty(_out.Sent);
        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);

        FullState(dnd: false);

        Assert.Equal(new SetDoNotDisturb(true) { Device = "2001" }, Assert.Single(_out.Sent));
    }

    [Fact]
    public void After_a_lost_subscription_the_pending_change_is_resent_once_full_state_arrives()
    {
        FullState(dnd: false);
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));

        _tracker.OnSubscriptionLost(); // 481 to the Set SUBSCRIBE
        _time.Advance(TimeSpan.FromSeconds(30)); // the old confirmation timer must not fire
        Assert.Equal(FeatureStanding.Pending, _tracker.State.Dnd.Standing);
        Assert.Single(_out.Sent);

        FullState(dnd: false); // the new subscription's first NOTIFY

        Assert.Equal(2, _out.Sent.Count);
        Assert.Equal(new SetDoNotDisturb(true) { Device = "2001" }, _out.Sent[1]);
    }

    [Fact]
    public void After_a_lost_subscription_a_change_the_server_already_has_is_not_resent()
    {
        FullState(dnd: false);
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));
        _tracker.OnSubscriptionLost();

        FullState(dnd: true); // the server applied it before the subscription was lost

        Assert.Single(_out.Sent);
        Assert.Equal(FeatureStanding.Confirmed, _tracker.State.Dnd.Standing);
    }

    [Fact]
    public void A_transaction_failure_marks_the_change_failed()
    {
        FullState();
        _tracker.RequestChange(Wish(FeatureKind.Dnd, true));

        _tracker.OnSetFailed(FeatureKind.Dnd, "no response (timer F)");

        Assert.Equal(FeatureStanding.Failed, _tracker.State.Dnd.Standing);
        Assert.False(_tracker.State.Dnd.Enabled);
    }

    [Fact]
    public void Every_state_change_is_reported_with_the_clock_time()
    {
        FullState();
        _out.Changes.Clear();
        _time.Advance(TimeSpan.FromMinutes(5));

        _tracker.OnNotify(Body(Dnd(true)));

        var change = Assert.Single(_out.Changes);
        Assert.Equal(_time.GetUtcNow(), change.ChangedAt);
    }

    [Fact]
    public void A_refresh_repeating_the_known_state_reports_no_change()
    {
        FullState();
        _out.Changes.Clear();

        FullState();

        Assert.Empty(_out.Changes);
    }
}
