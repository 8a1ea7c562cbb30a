using System.Globalization;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Usages;

/// <summary>
/// The subscriber side of one <c>as-feature-event</c> subscription (RFC 6665 section 4.1):
/// subscribe, accept NOTIFYs (even before the 2xx), refresh before expiry, carry Set
/// documents in in-dialog SUBSCRIBEs one at a time, recover from 481 and termination by
/// reason, back off from servers without the package, unsubscribe.
/// <para>
/// A usage of a <see cref="SipDialog"/> (RFC 6665 4.5.2: dialog + Event + id). Single-threaded:
/// every method runs on the owning line's queue (<c>post</c>, and the dialog owner's queue).
/// </para>
/// </summary>
public sealed partial class SubscriptionClient : IDialogUsage
{
    private readonly SipStack _stack;
    private readonly SipAccount _account;
    private readonly DialogOwner _dialogOwner;
    private readonly SipEvent _event;
    private readonly IDisposable _capability;
    private readonly string _package;
    private readonly ISyncScheduler _scheduler;
    private readonly Action<Action> _post;
    private readonly ISubscriptionOwner _owner;
    private readonly ILogger _logger;
    private readonly SubscriptionOptions _options;
    private readonly AuthenticatingSender _auth;
    private readonly Queue<InDialogRequest> _queue = new();
    private DialogEntry? _entry;
    private SipEndPoint? _destination;
    private IDisposable? _refreshTimer;
    private DateTimeOffset _refreshDue;
    private SipDialog? _refreshDialog;
    private IDisposable? _retryTimer;
    private IDisposable? _noStateTimer;
    private bool _requestInFlight;
    private bool _stopped = true;
    private bool _hasState;
    private bool _activeWithoutState;
    private int _failures;
    private int _unsupported;
    private int _generation;

    /// <param name="dialogOwner">The line's queue (the NOTIFYs are handled there) and trace tag.</param>
    public SubscriptionClient(SipStack stack, SipAccount account, DialogOwner dialogOwner, string eventPackage, ISyncScheduler scheduler,
        Action<Action> post, ISubscriptionOwner owner, ILogger logger, SubscriptionOptions? options = null)
    {
        _stack = stack;
        _account = account;
        _dialogOwner = dialogOwner;
        _package = eventPackage;
        _event = new SipEvent(eventPackage, SipParameters.Empty);
        // Allow-Events of our REGISTER and OPTIONS answers names the package while the line uses it.
        _capability = stack.Capabilities.Add(["NOTIFY"], [eventPackage]);
        _scheduler = scheduler;
        _post = post;
        _owner = owner;
        _logger = logger;
        _options = options ?? new SubscriptionOptions();
        _auth = new AuthenticatingSender(account.Credentials);
    }

    /// <summary>How long the dialog still answers NOTIFYs after an unsubscribe (64*T1).</summary>
    public static readonly TimeSpan FinalNotifyGrace = TimeSpan.FromSeconds(32);

    public SubscriptionStatus Status { get; private set; } = SubscriptionStatus.NotUsed;

    /// <summary>The detail of an active subscription whose NOTIFYs carried no body yet.</summary>
    public static readonly string NoStateDetail = StatusPhrase.Detail(StatusPhraseCode.ActiveNoState);

    /// <summary>
    /// The current subscription is active (Subscription-State: active) but every NOTIFY so far
    /// had no body: the server holds no state for the user yet (docs/protocol.md 5).
    /// </summary>
    public bool ServerHoldsNoState => _activeWithoutState && !_hasState;

    /// <summary>
    /// The server refused the package (489/403/404/405/501) or ended the subscription as
    /// rejected/noresource (RFC 6665 4.1.3), and has not accepted a SUBSCRIBE since: the line
    /// sends its changes as feature codes meanwhile (docs/protocol.md 3).
    /// </summary>
    public bool IsRefused { get; private set; }

    /// <summary>The current dialog's Call-ID, for tests and the trace.</summary>
    public string? CallId => _entry?.Dialog.CallId;

    private SipDialog? Dialog => _entry?.Dialog;

    private string Line => _dialogOwner.TraceTag?.ToString() ?? "?";

    /// <summary>Subscribes towards <paramref name="destination"/> (the registration's server).</summary>
    public void Start(SipEndPoint destination)
    {
        _destination = destination;
        _stopped = false;
        _failures = 0;
        Subscribe();
    }

    /// <summary>Sends a Set document (phone-side change) in the dialog, after any request in flight.</summary>
    public void SendSet(FeatureDocument document, FeatureKind kind)
    {
        if (Dialog is not { IsEstablished: true } || _stopped)
        {
            _owner.OnSetFailed(kind, StatusPhrase.Detail(StatusPhraseCode.NoActiveSubscription));
            return;
        }
        _queue.Enqueue(new InDialogRequest(kind, FeatureDocumentWriter.Write(document)));
        SendNextInDialog();
    }

    /// <summary>Unsubscribes (Expires: 0) and stops; the final NOTIFY is answered when it comes.</summary>
    public void Stop()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        CancelTimers();
        _queue.Clear();
        _capability.Dispose();
        if (_entry is { Dialog.IsEstablished: true } entry)
        {
            var generation = _generation;
            // Keep answering the final NOTIFY (RFC 6665 4.1.2.3) for a while, then forget the dialog.
            _ = SendAsync(entry.Dialog, 0, default, result => _post(() =>
                _retryTimer = _scheduler.Schedule(FinalNotifyGrace, () =>
                {
                    if (generation == _generation && _stopped)
                    {
                        entry.RemoveUsage(this);
                    }
                })));
        }
        else
        {
            _entry?.RemoveUsage(this);
        }
        Report(SubscriptionStatus.NotUsed, StatusPhrase.Detail(StatusPhraseCode.Unsubscribed), null);
    }

    /// <summary>A NOTIFY of this subscription, on the line's queue, after the dialog accepted it.</summary>
    public void OnRequest(SipDialog dialog, ServerTransaction transaction) => OnNotify(dialog, transaction);

    private void Subscribe()
    {
        CancelTimers();
        _queue.Clear();
        _requestInFlight = false;
        _entry?.RemoveUsage(this);
        _generation++;
        _hasState = false;
        _activeWithoutState = false;
        var aor = _account.AddressOfRecord;
        var dialog = SipDialog.CreateOutgoing(SipIds.NewCallId("featuresync"), aor, aor, aor, _destination!);
        // In the table before sending: the first NOTIFY may beat the 2xx (RFC 6665 4.1.2.4).
        var entry = _stack.Dialogs.Add(dialog, _dialogOwner);
        entry.AddUsage(this, _event);
        _entry = entry;
        Report(SubscriptionStatus.Subscribing, null, null);
        var generation = _generation;
        _ = SendAsync(dialog, _options.Expires, default, outcome => _post(() =>
        {
            if (generation == _generation && !_stopped)
            {
                OnInitialOutcome(dialog, outcome);
            }
        }));
    }

    private void OnInitialOutcome(SipDialog dialog, TransactionOutcome outcome)
    {
        var response = outcome.Response;
        if (response is { StatusCode: >= 200 and < 300 })
        {
            _failures = 0;
            _unsupported = 0;
            IsRefused = false;
            dialog.OnResponse(response, SipMethod.Subscribe);
            var expires = (int)Math.Min(response.Expires ?? (uint)_options.Expires, (uint)_options.Expires);
            ScheduleRefresh(expires);
            if (!_hasState && !_activeWithoutState)
            {
                _noStateTimer = _scheduler.Schedule(_options.NoStateTimeout, () =>
                {
                    if (!_hasState && !_activeWithoutState && !_stopped && ReferenceEquals(dialog, Dialog))
                    {
                        Report(SubscriptionStatus.WaitingForState, StatusPhrase.Detail(StatusPhraseCode.SubscribedNoState), Until(expires));
                    }
                });
                Report(SubscriptionStatus.WaitingForState, StatusPhrase.Detail(StatusPhraseCode.WaitingForFirstNotify), Until(expires));
            }
            return;
        }
        _entry?.RemoveUsage(this);
        _entry = null;
        if (response is { StatusCode: 489 or 403 or 404 or 405 or 501 })
        {
            // The server does not do this package: say so and do not hammer it (docs/protocol.md 5).
            _unsupported++;
            IsRefused = true;
            var wait = TimeSpan.FromTicks(Math.Min(_options.UnsupportedBackoff.Ticks << Math.Min(_unsupported - 1, 7), TimeSpan.FromDays(1).Ticks));
            _retryTimer = _scheduler.Schedule(wait, RetryIfRunning);
            Report(SubscriptionStatus.Unsupported, StatusPhrase.Detail(StatusPhraseCode.PackageUnsupported, SyncLogArg.Text(TransactionOutcome.StatusLine(response)),
                SyncLogArg.Text(_package), SyncLogArg.Text((long)Math.Round(wait.TotalMinutes))), null, response.StatusCode);
            return;
        }
        _failures++;
        var delay = RetryDelay(_failures);
        var detail = response is null ? FailurePhrases.Outcome(outcome) : FailurePhrases.Response(response, _auth.AuthFailure);
        _retryTimer = _scheduler.Schedule(delay, RetryIfRunning);
        Report(SubscriptionStatus.Failed, RetryIn(SyncLogArg.TextOrPhrase(detail), delay), null, response?.StatusCode);
    }

    private void ScheduleRefresh(int expires)
    {
        if (expires <= 0)
        {
            _refreshTimer?.Dispose();
            _refreshTimer = null;
            return;
        }
        var dialog = Dialog;
        var delay = RegistrationClient.RefreshDelay(expires);
        var due = _stack.Time.GetUtcNow() + delay;
        // Every NOTIFY repeats the expiry (RFC 6665 4.1.3): keep the armed refresh when it comes a
        // little earlier than the new one (never later), instead of a new timer per NOTIFY.
        if (_refreshTimer is not null && ReferenceEquals(dialog, _refreshDialog) && _refreshDue <= due && due - _refreshDue <= delay / 16)
        {
            return;
        }
        _refreshTimer?.Dispose();
        _refreshDue = due;
        _refreshDialog = dialog;
        _refreshTimer = _scheduler.Schedule(delay, () =>
        {
            if (!_stopped && ReferenceEquals(dialog, Dialog))
            {
                _queue.Enqueue(new InDialogRequest(null, default));
                SendNextInDialog();
            }
        });
    }

    /// <summary>One in-dialog SUBSCRIBE at a time, so CSeq order is arrival order.</summary>
    private void SendNextInDialog()
    {
        if (_requestInFlight || _queue.Count == 0 || Dialog is not { IsEstablished: true } dialog)
        {
            return;
        }
        var next = _queue.Dequeue();
        _requestInFlight = true;
        var generation = _generation;
        _ = SendAsync(dialog, _options.Expires, next.Body, outcome => _post(() =>
        {
            if (generation != _generation)
            {
                return;
            }
            _requestInFlight = false;
            OnInDialogOutcome(next, outcome);
            SendNextInDialog();
        }));
    }

    private void OnInDialogOutcome(InDialogRequest request, TransactionOutcome outcome)
    {
        var response = outcome.Response;
        if (response is { StatusCode: >= 200 and < 300 })
        {
            Dialog?.OnResponse(response, SipMethod.Subscribe);
            if (request.Kind is null && response.Expires is { } expires)
            {
                ScheduleRefresh((int)Math.Min(expires, (uint)_options.Expires));
            }
            return;
        }
        if (response is { StatusCode: 481 } || (request.Kind is null && response is not null))
        {
            // RFC 6665 4.1.2.2: the subscription is gone. Start again; the owner resends pending changes.
            _logger.LogInformation("Line {Line}: subscription lost ({Status}); subscribing again", Line, outcome.Describe());
            _owner.OnSubscriptionLost();
            Subscribe();
            return;
        }
        if (request.Kind is { } kind)
        {
            if (response is null)
            {
                _owner.OnSetFailed(kind, FailurePhrases.Outcome(outcome));
            }
            else
            {
                _owner.OnSetResponse(kind, response.StatusCode, response.ReasonPhrase);
            }
            return;
        }
        // A refresh without any answer: the server may be gone; subscribe afresh after a pause.
        _owner.OnSubscriptionLost();
        _failures++;
        var delay = RetryDelay(_failures);
        _retryTimer = _scheduler.Schedule(delay, RetryIfRunning);
        Report(SubscriptionStatus.Failed, RetryIn(SyncLogArg.Phrase(StatusPhrase.Of(StatusPhraseCode.RefreshFailed, SyncLogArg.TextOrPhrase(FailurePhrases.Outcome(outcome)))), delay), null);
    }

    private async Task SendAsync(SipDialog dialog, int expires, ReadOnlyMemory<byte> body, Action<TransactionOutcome> done)
    {
        TransactionOutcome outcome;
        try
        {
            var contact = _stack.ContactFor(_account.User, dialog.Destination, _account.ContactToken);
            outcome = await _auth.SendAsync(_stack, dialog.Destination,
                auth => BuildSubscribe(dialog, contact, expires, auth, body),
                "SUBSCRIBE", dialog.RemoteTarget, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            outcome = new TransactionOutcome(null, TransactionFailure.TransportError, ex.Message);
        }
        done(outcome);
    }

    /// <summary>A SUBSCRIBE of this subscription: the initial one while the dialog is early, in-dialog after.</summary>
    private SipRequest BuildSubscribe(SipDialog dialog, string contact, int expires, (string Name, string Value)? auth, ReadOnlyMemory<byte> body)
    {
        var via = _stack.NewVia(dialog.Destination.Transport, dialog.Destination.EndPoint, out _);
        var builder = dialog.CreateRequest(SipMethod.Subscribe, via)
            .AddHeader(HeaderId.Contact, contact)
            .AddHeader(HeaderId.Event, _package)
            .AddHeader(HeaderId.Accept, FeatureXml.ContentType)
            .AddHeader(HeaderId.Expires, expires.ToString(CultureInfo.InvariantCulture))
            .AddHeader(HeaderId.AllowEvents, _stack.Capabilities.AllowEvents ?? _package)
            .AddHeader(HeaderId.UserAgent, "FeatureSync");
        if (auth is { } header)
        {
            builder.AddHeader(header.Name, header.Value);
        }
        if (!body.IsEmpty)
        {
            builder.SetBody(body, FeatureXml.ContentType);
        }
        return builder.BuildRequest();
    }

    private void RetryIfRunning()
    {
        if (!_stopped)
        {
            Subscribe();
        }
    }

    private static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, Math.Min(failures - 1, 10)), 300));

    private DateTimeOffset Until(int seconds) => _stack.Time.GetUtcNow().AddSeconds(seconds);

    private void CancelTimers()
    {
        _refreshTimer?.Dispose();
        _retryTimer?.Dispose();
        _noStateTimer?.Dispose();
        _refreshTimer = _retryTimer = _noStateTimer = null;
    }

    private void Report(SubscriptionStatus status, string? detail, DateTimeOffset? expires, int? statusCode = null)
    {
        Status = status;
        _owner.OnSubscriptionStatus(status, detail, expires, statusCode);
    }

    /// <summary>A queued in-dialog SUBSCRIBE: a refresh (no kind, no body) or a Set document.</summary>
    private sealed record InDialogRequest(FeatureKind? Kind, ReadOnlyMemory<byte> Body);

    /// <summary>"what; retry in N s" as a phrase; what failed stays as the server or the transaction said it.</summary>
    internal static string RetryIn(SyncLogArg what, TimeSpan delay) =>
        StatusPhrase.Detail(StatusPhraseCode.RetryInSeconds, what, SyncLogArg.Text((long)Math.Round(delay.TotalSeconds)));
}
