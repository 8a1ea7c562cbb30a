using Phone.SipCore.Diagnostics;
using Phone.SipCore.SyncLog;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.FeatureSync.AsFeatureEvent;

/// <summary>
/// The feature state of one line synced by <c>as-feature-event</c>: applies NOTIFYs, sends
/// the phone's changes as Set requests and decides whether the server confirmed them.
/// Not thread-safe by design: the line agent calls it from its single work queue.
/// <para>Rules (docs/protocol.md sections 1 and 5): the NOTIFY is the truth; a change is
/// pending until a NOTIFY confirms it; at most one Set per feature is in flight and later
/// wishes collapse into the last one; a NOTIFY is never echoed back as a request; an empty
/// NOTIFY on an active subscription means "the server holds no state yet" (features are
/// not reported, Sets may create them); a missing ring count leaves the known one; a NOTIFY
/// with another value than the one asked rejects the change once no further NOTIFY of that
/// feature comes within the settle window.</para>
/// </summary>
public sealed class AsFeatureEventTracker
{
    private readonly IFeatureSyncOutput _output;
    private readonly ISyncScheduler _scheduler;
    private readonly TimeProvider _time;
    private readonly AsFeatureEventOptions _options;
    private readonly string _device;
    private readonly Dictionary<FeatureKind, InFlight> _inFlight = [];
    private readonly Dictionary<FeatureKind, FeatureWish> _queued = [];
    private readonly Dictionary<FeatureKind, FeatureValue> _serverValues = [];
    private readonly HashSet<FeatureKind> _reported = [];
    private IDisposable? _fullStateTimer;
    private LineFeatureState _state;
    private readonly SipMetrics? _metrics;

    public AsFeatureEventTracker(LineFeatureState initial, string device, IFeatureSyncOutput output,
        ISyncScheduler scheduler, TimeProvider time, AsFeatureEventOptions? options = null, SipMetrics? metrics = null)
    {
        _metrics = metrics;
        _state = initial;
        _device = device;
        _output = output;
        _scheduler = scheduler;
        _time = time;
        _options = options ?? new AsFeatureEventOptions();
    }

    public LineFeatureState State => _state;

    /// <summary>True once a NOTIFY has arrived on the current subscription.</summary>
    public bool HasServerState { get; private set; }

    /// <summary>
    /// The subscription is active but the server sent no document yet (an empty NOTIFY):
    /// features show as not reported and changes are sent, so a Set can create the state.
    /// </summary>
    public bool ServerHoldsNoState { get; private set; }

    private bool AcceptsSets => HasServerState || ServerHoldsNoState;

    public bool IsInFlight(FeatureKind kind) => _inFlight.ContainsKey(kind);

    /// <summary>
    /// NOTIFYs that reported another value than the one pending, since the tracker started: the
    /// diagnosis tells Kamailio's old-then-new pair from a plain confirmation by it.
    /// </summary>
    public int OtherValueReports { get; private set; }

    /// <summary>A phone-side change. Sent at once, or queued behind the one in flight.</summary>
    public void RequestChange(FeatureWish wish)
    {
        if (_inFlight.ContainsKey(wish.Kind) || !AcceptsSets)
        {
            // Last wish wins: a queued wish is replaced, never added to (no flip-flop).
            _queued[wish.Kind] = wish;
            Show(wish.Kind, wish.Value, FeatureStanding.Pending, wish.Origin,
                StatusPhrase.Detail(AcceptsSets ? StatusPhraseCode.QueuedBehindChange : StatusPhraseCode.WaitingForSubscriptionState));
            _output.Log(SyncLogEvent.About(SyncLogCode.FeatureQueued, wish.Kind, wish.Value, SyncLogArg.Origin(wish.Origin)));
            return;
        }
        Send(wish);
    }

    /// <summary>Applies one NOTIFY body (already read safely).</summary>
    public void OnNotify(FeatureBody body)
    {
        foreach (var error in body.Errors)
        {
            _output.Log(SyncLogEvent.Of(SyncLogCode.NotifyPartIgnored, SyncLogArg.Detail(error)));
        }
        if (body.IsEmpty)
        {
            _output.Log(SyncLogEvent.Of(SyncLogCode.NotifyEmpty));
            return;
        }
        // After "no state yet" the server's first documents answer our Sets, not a full state:
        // the features they leave out stay "not reported" rather than "not assigned".
        var first = !HasServerState && !ServerHoldsNoState;
        var flush = !AcceptsSets;
        HasServerState = true;
        ServerHoldsNoState = false;
        foreach (var document in body.Documents)
        {
            if (FeatureDocumentMapping.TryReadEvent(document, out var kind, out var value))
            {
                Apply(kind, value);
            }
            else
            {
                _output.Log(SyncLogEvent.Of(SyncLogCode.NotifyDocumentIgnored, SyncLogArg.Text(document.ElementName)));
            }
        }
        if (first)
        {
            _fullStateTimer = _scheduler.Schedule(_options.FullStateWindow, MarkUnreportedAsNotAssigned);
        }
        if (flush)
        {
            FlushQueued();
        }
    }

    /// <summary>
    /// The subscription is active and its NOTIFY carried no body (RFC 6665 4.1.3 allows it; Kamailio's
    /// presence_dfks does so for a user without state): what the phone shows is not the server's,
    /// so each feature not being changed shows "not reported by the server", and waiting changes go out.
    /// </summary>
    public void OnServerHoldsNoState()
    {
        if (HasServerState || ServerHoldsNoState)
        {
            return;
        }
        ServerHoldsNoState = true;
        foreach (var kind in Enum.GetValues<FeatureKind>())
        {
            if (!_inFlight.ContainsKey(kind) && !_queued.ContainsKey(kind))
            {
                Show(kind, FeatureValue.Of(_state[kind]), FeatureStanding.NotReported, FeatureOrigin.Server,
                    "not reported by the server");
            }
        }
        FlushQueued();
    }

    /// <summary>The server's answer to a Set SUBSCRIBE. A 2xx waits for the NOTIFY; an error ends the change.</summary>
    public void OnSetResponse(FeatureKind kind, int status, string reason)
    {
        if (status < 300 || !_inFlight.TryGetValue(kind, out var flight))
        {
            return;
        }
        var detail = StatusPhrase.Detail(StatusPhraseCode.ServerAnswered, SyncLogArg.Text($"{status} {reason}"));
        Finish(kind, flight, FeatureStanding.Rejected, detail);
    }

    /// <summary>A Set SUBSCRIBE got no answer at all (transaction timeout or transport error).</summary>
    public void OnSetFailed(FeatureKind kind, string reason)
    {
        if (_inFlight.TryGetValue(kind, out var flight))
        {
            Finish(kind, flight, FeatureStanding.Failed, reason);
        }
    }

    /// <summary>
    /// The subscription is gone (481, terminated). Changes in flight are kept and resent
    /// once the new subscription has delivered its full state.
    /// </summary>
    public void OnSubscriptionLost()
    {
        foreach (var (kind, flight) in _inFlight)
        {
            flight.Dispose();
            _queued.TryAdd(kind, flight.Wish); // a newer wish, if any, already waits
            Show(kind, _queued[kind].Value, FeatureStanding.Pending, _queued[kind].Origin, "resubscribing; will resend");
        }
        _inFlight.Clear();
        _fullStateTimer?.Dispose();
        _fullStateTimer = null;
        _reported.Clear();
        HasServerState = false;
        ServerHoldsNoState = false;
    }

    /// <summary>
    /// Hands back the changes waiting for the subscription's state, and forgets them: the
    /// server refused the subscription, so the line sends them another way (docs/protocol.md 3).
    /// </summary>
    public IReadOnlyList<FeatureWish> TakeQueued()
    {
        var queued = _queued.Values.ToList();
        _queued.Clear();
        return queued;
    }

    /// <summary>Sync stopped (switched off, line removed): drop everything in flight.</summary>
    public void Stop()
    {
        foreach (var flight in _inFlight.Values)
        {
            flight.Dispose();
        }
        _inFlight.Clear();
        _queued.Clear();
        _fullStateTimer?.Dispose();
        _fullStateTimer = null;
        HasServerState = false;
        ServerHoldsNoState = false;
    }

    private void Send(FeatureWish wish)
    {
        if (_serverValues.TryGetValue(wish.Kind, out var server) && wish.Value.IsSatisfiedBy(wish.Kind, server))
        {
            // The server already reports this (e.g. toggled away and back while one was in flight).
            Show(wish.Kind, server, FeatureStanding.Confirmed, wish.Origin, null);
            return;
        }
        var before = server ?? FeatureValue.Of(_state[wish.Kind]);
        var value = WithKnownRingCount(wish.Kind, wish.Value);
        var sent = wish with { Value = value };
        var timer = _scheduler.Schedule(_options.ConfirmationWindow, () => OnConfirmationWindowEnded(wish.Kind));
        _inFlight[wish.Kind] = new InFlight(sent, before, timer);
        Show(wish.Kind, value, FeatureStanding.Pending, wish.Origin, "sent; waiting for the server's NOTIFY");
        _output.Log(SyncLogEvent.About(SyncLogCode.FeatureSetSent, wish.Kind, value, SyncLogArg.Origin(wish.Origin)));
        _metrics?.SetRequested();
        _output.SendSet(FeatureDocumentMapping.ToSetRequest(sent, _device));
    }

    private void Apply(FeatureKind kind, FeatureValue reported)
    {
        _reported.Add(kind);
        var known = _serverValues.GetValueOrDefault(kind);
        // A ForwardingEvent without ringCount leaves the known count (docs/protocol.md section 5).
        if (reported.RingCount is null && kind == FeatureKind.ForwardNoAnswer)
        {
            reported = reported with { RingCount = known?.RingCount ?? _state[kind].RingCount };
        }
        if (!reported.Enabled && kind != FeatureKind.Dnd && reported.Target is null)
        {
            reported = reported with { Target = known?.Target };
        }
        _serverValues[kind] = reported;
        if (_inFlight.TryGetValue(kind, out var flight))
        {
            flight.Settle?.Dispose();
            if (flight.Wish.Value.IsSatisfiedBy(kind, reported))
            {
                _output.Log(SyncLogEvent.About(SyncLogCode.FeatureConfirmed, kind, reported));
                Finish(kind, flight with { LastReported = reported, Settle = null }, FeatureStanding.Confirmed, null);
            }
            else
            {
                // Maybe the old value sent just before the new one (Kamailio): a refusal only if
                // no further NOTIFY of this feature follows within the settle window.
                OtherValueReports++;
                var settle = _scheduler.Schedule(_options.SettleWindow, () => OnSettled(kind, reported));
                _inFlight[kind] = flight with { LastReported = reported, Settle = settle };
                _output.Log(SyncLogEvent.About(SyncLogCode.FeatureServerDiffers, kind, reported, SyncLogArg.ValueOf(kind, flight.Wish.Value)));
            }
            return;
        }
        var current = _state[kind];
        if (current.Standing == FeatureStanding.Confirmed && current.Origin == FeatureOrigin.Server && FeatureValue.Of(current) == reported)
        {
            return; // a refresh repeating what we know
        }
        _output.Log(SyncLogEvent.About(SyncLogCode.FeatureReported, kind, reported));
        Show(kind, reported, FeatureStanding.Confirmed, FeatureOrigin.Server, null);
    }

    /// <summary>The settle window after a NOTIFY with another value ended with no NOTIFY since: refused.</summary>
    private void OnSettled(FeatureKind kind, FeatureValue reported)
    {
        if (_inFlight.TryGetValue(kind, out var flight) && ReferenceEquals(flight.LastReported, reported))
        {
            Finish(kind, flight, FeatureStanding.Rejected, ServerKept(kind, reported, flight.Wish.Value));
        }
    }

    private void OnConfirmationWindowEnded(FeatureKind kind)
    {
        if (!_inFlight.TryGetValue(kind, out var flight))
        {
            return;
        }
        if (flight.LastReported is null)
        {
            Finish(kind, flight, FeatureStanding.NotConfirmed,
                StatusPhrase.Detail(StatusPhraseCode.NoNotifyWithin,
                    SyncLogArg.Text(_options.ConfirmationWindow.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))));
        }
        else
        {
            Finish(kind, flight, FeatureStanding.Rejected, ServerKept(kind, flight.LastReported, flight.Wish.Value));
        }
    }

    /// <summary>"server kept off (asked on)", the values worded as the sync log words them.</summary>
    private static string ServerKept(FeatureKind kind, FeatureValue kept, FeatureValue asked) =>
        StatusPhrase.Detail(StatusPhraseCode.ServerKept, SyncLogArg.ValueOf(kind, kept), SyncLogArg.ValueOf(kind, asked));

    private void Finish(FeatureKind kind, InFlight flight, FeatureStanding standing, string? detail)
    {
        flight.Dispose();
        _inFlight.Remove(kind);
        _metrics?.SetEnded(standing switch
        {
            FeatureStanding.Confirmed => SetOutcome.Confirmed,
            FeatureStanding.Rejected => SetOutcome.Rejected,
            FeatureStanding.NotConfirmed => SetOutcome.TimedOut,
            _ => SetOutcome.Failed,
        });
        switch (standing)
        {
            case FeatureStanding.Confirmed:
                Show(kind, flight.LastReported ?? flight.Wish.Value, standing, flight.Wish.Origin, null);
                break;
            case FeatureStanding.NotConfirmed:
                Show(kind, flight.Wish.Value, standing, flight.Wish.Origin, detail);
                break;
            default:
                // Rejected or failed: what the server says wins over what was asked.
                Show(kind, flight.LastReported ?? flight.Before, standing, FeatureOrigin.Server, detail);
                break;
        }
        if (standing != FeatureStanding.Confirmed)
        {
            _output.Log(SyncLogEvent.About(SyncLogCode.FeatureNotDone, kind, flight.Wish.Value, SyncLogArg.Standing(standing), SyncLogArg.Detail(detail)));
        }
        if (_queued.Remove(kind, out var next))
        {
            RequestChange(next);
        }
    }

    private void FlushQueued()
    {
        foreach (var wish in _queued.Values.ToList())
        {
            if (_inFlight.ContainsKey(wish.Kind))
            {
                continue;
            }
            _queued.Remove(wish.Kind);
            Send(wish);
        }
    }

    private void MarkUnreportedAsNotAssigned()
    {
        _fullStateTimer = null;
        foreach (var kind in Enum.GetValues<FeatureKind>())
        {
            if (!_reported.Contains(kind) && !_inFlight.ContainsKey(kind) && !_queued.ContainsKey(kind))
            {
                Show(kind, FeatureValue.Of(_state[kind]), FeatureStanding.NotAssigned, FeatureOrigin.Server,
                    "not assigned by server");
            }
        }
    }

    private FeatureValue WithKnownRingCount(FeatureKind kind, FeatureValue value) =>
        kind == FeatureKind.ForwardNoAnswer && value.Enabled && value.RingCount is null
            ? value with { RingCount = _serverValues.GetValueOrDefault(kind)?.RingCount ?? _state[kind].RingCount }
            : value;

    private void Show(FeatureKind kind, FeatureValue value, FeatureStanding standing, FeatureOrigin origin, string? detail)
    {
        var state = new FeatureState(kind, value.Enabled, value.Target, value.RingCount, standing, origin, _time.GetUtcNow(), detail);
        if (state with { ChangedAt = default } == _state[kind] with { ChangedAt = default })
        {
            return;
        }
        _state = _state.With(state);
        _output.StateChanged(state);
    }

    private sealed record InFlight(FeatureWish Wish, FeatureValue Before, IDisposable Timer)
    {
        public FeatureValue? LastReported { get; init; }

        /// <summary>Runs out the settle window after a NOTIFY with another value than the one asked.</summary>
        public IDisposable? Settle { get; init; }

        public void Dispose()
        {
            Timer.Dispose();
            Settle?.Dispose();
        }
    }
}
