using Phone.SipCore.SyncLog;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Configuration;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines.Diagnosis;
using Phone.SipCore.Transactions;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Lines;

/// <summary>
/// One line: owns its registration, its feature subscription and its feature state, and
/// processes everything (NOTIFYs, phone-side changes, timers, outcomes) one at a time on its
/// own <see cref="LineWorkQueue"/>. Publishes a new <see cref="LineStatus"/> on every change.
/// </summary>
public sealed partial class LineAgent : ISubscriptionOwner, IFeatureSyncOutput, IAsyncDisposable
{
    /// <summary>The detail of a feature the phone executes itself (sync off, or the server leaves it out).</summary>
    private static readonly string ExecutedByPhone = StatusPhrase.Detail(StatusPhraseCode.ExecutedByPhone);

    private static readonly FeatureStateValidator WishValidator = new();

    // Each NOTIFY restates the subscription as active with its expiry: the status is published
    // again only when the shown expiry would move by this much, not once per NOTIFY.
    private static readonly TimeSpan ExpiryShownWithin = TimeSpan.FromSeconds(30);

    private readonly LineConfiguration _given;
    private readonly LineConfiguration _config;
    private readonly DialogOwner _owner;
    private readonly LineTrustPolicy _trust;
    private readonly LineAgentContext _context;
    private readonly ILogger _logger;
    private readonly LineWorkQueue _queue;
    private readonly AsFeatureEventTracker? _tracker;
    private RegistrationClient? _registration;
    private SubscriptionClient? _subscription;
    // Swapped whole on the queue; read whole by call handling on transport threads.
    private volatile LineFeatureState _features;
    private LineStatus _status;
    private bool _stopped;
    private readonly TaskCompletionSource _firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _pacedStart;

    public LineAgent(LineConfiguration config, LineFeatureState initial, LineAgentContext context)
    {
        _given = config;
        // Without a stored token the line still gets its own Contact, for this run only.
        _config = config.ContactToken.Length > 0 ? config : config with { ContactToken = NewContactToken() };
        _context = context;
        _logger = context.Loggers.CreateLogger($"Phone.SipCore.Lines.Line{config.Line}");
        _queue = new LineWorkQueue(context.Time, _logger, context.RequestQueueCapacity);
        _trust = new LineTrustPolicy(() => _registration, TrustedRanges(config), CallsOnlyFromServer(config),
            (source, attempt) => _queue.Post(() => OnRefused(source, attempt)));
        // Requests for this line's dialogs and identity run on its queue, only from its server
        // (the trust policy); its messages trace under its number.
        _owner = new DialogOwner(_queue, config.Line) { Trust = _trust };
        _features = Normalize(initial);
        if (config.NeedsSubscription)
        {
            _tracker = new AsFeatureEventTracker(_features, config.Settings.User, this, _queue, context.Time, context.SyncOptions,
                context.Stack.Metrics);
        }
        _status = new LineStatus
        {
            Line = config.Line,
            Enabled = config.Settings.Enabled,
            Label = config.Settings.Label,
            User = config.Settings.User,
            FeatureSync = config.Settings.FeatureSync,
            Method = config.Profile?.Method,
            SecondsPerRing = config.Profile?.SecondsPerRing ?? PbxProfile.DefaultSecondsPerRing,
            Registration = config.Settings.Enabled ? RegistrationState.Idle : RegistrationState.Disabled,
            RegistrationDetail = config.Settings.Enabled && !config.CanRegister ? StatusPhrase.Detail(StatusPhraseCode.AccountIncomplete) : null,
            Features = _features,
            UpdatedAt = context.Time.GetUtcNow(),
        };
    }

    public int Line => _config.Line;

    /// <summary>The configuration the agent was started with (what a re-read is compared to).</summary>
    public LineConfiguration Configuration => _given;

    /// <summary>The latest published snapshot.</summary>
    public LineStatus Status => _status;

    /// <summary>
    /// Completes once the line's first REGISTER has its outcome (registered or failed) and, where
    /// the line subscribes, its first SUBSCRIBE too (active, refused or failed); at once for a line
    /// that does not register, and when the agent stops. Never faults.
    /// </summary>
    public Task FirstRound => _firstRound.Task;

    public void Start()
    {
        _context.Feed.Publish(_status);
        if (!_config.CanRegister)
        {
            _firstRound.TrySetResult();
            return;
        }
        var registration = new RegistrationClient(_context.Stack, _config.ToAccount(), Line, _context.Resolver, _logger);
        registration.Changed += snapshot => _queue.Post(() => OnRegistration(snapshot));
        _registration = registration;
        if (_config.NeedsSubscription)
        {
            // Created before the first REGISTER: its package is then in the REGISTER's Allow-Events.
            _subscription = new SubscriptionClient(_context.Stack, _config.ToAccount(), _owner, _config.EventPackage, _queue,
                _queue.Post, this, _logger, _context.SubscriptionOptions);
        }
        StartIncoming();
        var wait = _context.StartPacer?.Reserve() ?? TimeSpan.Zero;
        if (wait <= TimeSpan.Zero)
        {
            registration.Start();
            return;
        }
        // On the queue, so a line stopped before its slot never starts (DisposeAsync sets _stopped there first).
        _pacedStart = _queue.Schedule(wait, () =>
        {
            if (!_stopped)
            {
                registration.Start();
            }
        });
    }

    /// <summary>A phone-side change (web page, API, config import), validated, then synced by the line's method.</summary>
    public Task<FeatureChangeResult> RequestAsync(FeatureWish wish) => _queue.InvokeAsync(() => Handle(wish));

    private FeatureChangeResult Handle(FeatureWish wish)
    {
        if (_stopped || !_config.Settings.Enabled)
        {
            return FeatureChangeResult.Refused(StatusPhrase.Of(StatusPhraseCode.LineDisabled, SyncLogArg.Text(Line)));
        }
        var value = wish.Value;
        var check = WishValidator.Validate(new FeatureState(wish.Kind, value.Enabled, value.Target, value.RingCount,
            FeatureStanding.Pending, wish.Origin, _context.Time.GetUtcNow()));
        if (!check.IsValid)
        {
            return FeatureChangeResult.Refused(StatusPhrase.Of(StatusPhraseCode.InvalidChange, SyncLogArg.Text(Line),
                ValidationArg.Of(check.Errors)));
        }
        return Route(wish);
    }

    private void ApplyLocally(FeatureWish wish)
    {
        var state = new FeatureState(wish.Kind, wish.Value.Enabled, wish.Value.Target, wish.Value.RingCount,
            FeatureStanding.Local, wish.Origin, _context.Time.GetUtcNow(), ExecutedByPhone);
        Log(SyncLogKind.Feature, wish.Origin, SyncOutcome.Success, SyncLogEvent.About(SyncLogCode.FeatureAppliedLocally, wish.Kind, wish.Value));
        SetFeature(state, FeaturePath.Local);
    }

    private void OnRegistration(RegistrationSnapshot snapshot)
    {
        if (_stopped)
        {
            return;
        }
        var outcome = snapshot.State switch
        {
            RegistrationState.Registered => SyncOutcome.Success,
            RegistrationState.Failed => SyncOutcome.Failed,
            _ => SyncOutcome.Info,
        };
        if (snapshot.State != RegistrationState.Registered || snapshot.IsNewBinding)
        {
            Log(SyncLogKind.Registration, FeatureOrigin.Server, outcome, SyncLogStatusEvents.Registration(snapshot.State, snapshot.Detail));
        }
        Publish(_status with
        {
            Registration = snapshot.State, RegistrationDetail = snapshot.Detail, RegisteredUntil = snapshot.Until, RegistrationStatusCode = snapshot.StatusCode,
        });
        if (snapshot is { State: RegistrationState.Registered, IsNewBinding: true })
        {
            // Names the policy trusts besides the registration's own targets, looked up again with each new binding.
            _ = ResolveTrustedNamesAsync();
        }
        // A new binding (boot, recovery, another server) means a new subscription (docs/protocol.md 1.1).
        if (snapshot is { State: RegistrationState.Registered, IsNewBinding: true } && _subscription is not null && _registration?.Target is { } target)
        {
            _tracker?.OnSubscriptionLost();
            _notifyShape = NotifyShape.None;
            _subscription.Start(target);
        }
        EndFirstRoundUnlessWaiting();
    }

    /// <summary>
    /// Ends the first round once the published status waits for no answer: neither registering
    /// nor subscribing. Called after a registration or subscription change has been handled
    /// whole: a new binding starts its subscription in the same step, so it is never seen as done.
    /// </summary>
    private void EndFirstRoundUnlessWaiting()
    {
        if (_status.Registration is not (RegistrationState.Idle or RegistrationState.Registering)
            && _status.Subscription is not (SubscriptionStatus.Subscribing or SubscriptionStatus.WaitingForState))
        {
            _firstRound.TrySetResult();
        }
    }

    void ISubscriptionOwner.OnSubscriptionStatus(SubscriptionStatus status, string? detail, DateTimeOffset? expires, int? statusCode)
    {
        if (status != _status.Subscription || detail != _status.SubscriptionDetail)
        {
            var outcome = status switch
            {
                SubscriptionStatus.Active => SyncOutcome.Success,
                SubscriptionStatus.Failed or SubscriptionStatus.Unsupported or SubscriptionStatus.Terminated => SyncOutcome.Failed,
                _ => SyncOutcome.Info,
            };
            Log(SyncLogKind.Subscription, FeatureOrigin.Server, outcome, SyncLogStatusEvents.Subscription(status, detail));
        }
        var unchanged = status == _status.Subscription && detail == _status.SubscriptionDetail && statusCode == _status.SubscriptionStatusCode
            && (expires is null || _status.SubscriptionExpires is { } shown && (expires.Value - shown).Duration() < ExpiryShownWithin);
        if (!unchanged)
        {
            Publish(_status with
            {
                Subscription = status, SubscriptionDetail = detail, SubscriptionStatusCode = statusCode, SubscriptionExpires = expires ?? _status.SubscriptionExpires,
            });
        }
        if (_subscription?.IsRefused == true)
        {
            RerouteQueued();
        }
        EndFirstRoundUnlessWaiting();
    }

    void ISubscriptionOwner.OnNotify(FeatureBody body)
    {
        _notifyShape = _notifyShape.With(body);
        _tracker?.OnNotify(body);
        if (body.IsEmpty && _subscription?.ServerHoldsNoState == true)
        {
            _tracker?.OnServerHoldsNoState();
        }
    }

    void ISubscriptionOwner.OnSubscriptionLost()
    {
        _notifyShape = NotifyShape.None;
        _tracker?.OnSubscriptionLost();
    }

    void ISubscriptionOwner.OnSetResponse(FeatureKind kind, int status, string reason) => _tracker?.OnSetResponse(kind, status, reason);

    void ISubscriptionOwner.OnSetFailed(FeatureKind kind, string reason) => _tracker?.OnSetFailed(kind, reason);

    void IFeatureSyncOutput.SendSet(FeatureDocument document)
    {
        var kind = document is SetDoNotDisturb ? FeatureKind.Dnd : FeatureDocumentMapping.ToKind(((SetForwarding)document).ForwardingType);
        if (_subscription is null)
        {
            _tracker?.OnSetFailed(kind, StatusPhrase.Detail(StatusPhraseCode.NoSubscription));
            return;
        }
        _subscription.SendSet(document, kind);
    }

    // Everything the tracker shows came by, or went out on, the subscription.
    void IFeatureSyncOutput.StateChanged(FeatureState state) => SetFeature(state, FeaturePath.Subscription);

    void IFeatureSyncOutput.Log(SyncLogEvent logEvent) => Log(SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Info, logEvent);

    /// <param name="via">The path this change took; null when neither ours (e.g. uaCSTA) nor known.</param>
    private void SetFeature(FeatureState state, FeaturePath? via)
    {
        _features = _features.With(state);
        _context.Events?.FeatureStateChanged(Line, state);
        var paths = via is { } path ? _status.Paths.SetItem(state.Kind, path) : _status.Paths.Remove(state.Kind);
        Publish(_status with { Features = _features, Paths = paths });
    }

    private void Publish(LineStatus status)
    {
        _status = status with { UpdatedAt = _context.Time.GetUtcNow() };
        _context.Feed.Publish(_status);
        _statusWaiters.Check(_status);
    }

    private void Log(SyncLogKind kind, FeatureOrigin origin, SyncOutcome outcome, SyncLogEvent logEvent)
    {
        _context.Events?.SyncLog(Line, kind, origin, outcome, logEvent);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("Line {Line}: {Event}", Line, logEvent); // its argument array only when written
        }
    }

    /// <summary>
    /// The stored state as this configuration executes it: with sync off every feature is the
    /// phone's own (Local); with sync on, the last known server state stands until a NOTIFY.
    /// </summary>
    private LineFeatureState Normalize(LineFeatureState stored)
    {
        if (_config.ActiveMethod is not null || _config.NeedsSubscription)
        {
            return stored;
        }
        var result = stored;
        foreach (var state in stored.All)
        {
            if (state.Standing != FeatureStanding.Local)
            {
                result = result.With(state with { Standing = FeatureStanding.Local, Detail = ExecutedByPhone });
            }
        }
        return result;
    }

    private static string NewContactToken() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);

    /// <summary>
    /// Stops the line: unsubscribes, un-registers (bounded wait), and drains its queue. Changes
    /// in flight are abandoned; their last state stays stored.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _queue.InvokeAsync(() =>
        {
            _stopped = true;
            _firstRound.TrySetResult();
            _pacedStart?.Dispose();
            _subscription?.Stop();
            _tracker?.Stop();
            StopIncoming();
            return true;
        }).ConfigureAwait(false);
        if (_registration is not null)
        {
            await _registration.UnregisterAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            await _registration.DisposeAsync().ConfigureAwait(false);
        }
        await _queue.DisposeAsync().ConfigureAwait(false);
    }
}
