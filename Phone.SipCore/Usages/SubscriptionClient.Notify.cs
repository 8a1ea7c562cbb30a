using Microsoft.Extensions.Logging;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Usages;

/// <summary>The notifier's side of the dialog: NOTIFYs and the end of the subscription (RFC 6665 4.1.3).</summary>
public sealed partial class SubscriptionClient
{
    /// <summary>
    /// The dialog has already checked tags, source and CSeq order (RFC 3261 12.2.2) and matched
    /// the Event to this subscription (RFC 6665 4.1.3); what is left is the subscription's own.
    /// </summary>
    private void OnNotify(SipDialog dialog, ServerTransaction transaction)
    {
        var notify = transaction.Request;
        if (notify.Method != SipMethod.Notify)
        {
            transaction.Respond(405);
            return;
        }
        if (!ReferenceEquals(dialog, Dialog) || _stopped && !dialog.IsEstablished)
        {
            // RFC 6665 4.1.3: a NOTIFY for a subscription we have replaced or given up.
            transaction.Respond(481, "Subscription Does Not Exist");
            return;
        }
        transaction.Respond(200);
        if (_stopped)
        {
            // The final NOTIFY after our unsubscribe: answered, nothing to apply.
            if (notify.TryGetSubscriptionState(out var final) && final.IsTerminated)
            {
                _entry?.RemoveUsage(this);
            }
            return;
        }
        notify.TryGetSubscriptionState(out var state);
        notify.TryGetContentType(out var contentType);
        var body = FeatureBodyReader.Read(contentType?.MimeType, contentType?.Boundary, notify.Body);
        if (!body.IsEmpty)
        {
            _hasState = true;
            _noStateTimer?.Dispose();
        }
        else if (state is { IsActive: true })
        {
            // RFC 6665 4.1.3: active is active, body or not; "pending" with no body stays waiting.
            _activeWithoutState = true;
            _noStateTimer?.Dispose();
        }
        _owner.OnNotify(body);
        if (state is { IsTerminated: true })
        {
            OnTerminated(state);
            return;
        }
        var expires = state?.Expires is { } e ? (int)Math.Min(e, int.MaxValue) : (int?)null;
        if (expires is { } seconds)
        {
            ScheduleRefresh(seconds);
        }
        if (_hasState)
        {
            Report(SubscriptionStatus.Active, state?.IsPending == true ? StatusPhrase.Detail(StatusPhraseCode.PendingAuthorization) : null, expires is { } s ? Until(s) : null);
        }
        else if (_activeWithoutState)
        {
            Report(SubscriptionStatus.Active, NoStateDetail, expires is { } s ? Until(s) : null);
        }
    }

    /// <summary>RFC 6665 4.1.3: what to do depends on the reason.</summary>
    private void OnTerminated(SubscriptionState state)
    {
        var reason = state.Reason?.ToLowerInvariant();
        _entry?.RemoveUsage(this);
        _entry = null;
        CancelTimers();
        _owner.OnSubscriptionLost();
        switch (reason)
        {
            case "deactivated" or "timeout":
                Report(SubscriptionStatus.Terminated, StatusPhrase.Detail(StatusPhraseCode.TerminatedResubscribing, SyncLogArg.Text(reason)), null);
                Subscribe();
                break;
            case "probation" or "giveup":
                var wait = state.RetryAfter is { } r ? TimeSpan.FromSeconds(r) : _options.DefaultRetryAfter;
                _retryTimer = _scheduler.Schedule(wait, RetryIfRunning);
                Report(SubscriptionStatus.Terminated, RetryIn(TerminatedBecause(reason), wait), null);
                break;
            case "rejected" or "noresource":
                // Never retried: the administrator must change something on the server.
                IsRefused = true;
                Report(SubscriptionStatus.Terminated, StatusPhrase.Detail(StatusPhraseCode.TerminatedNotRetrying, SyncLogArg.Text(reason)), null);
                break;
            default:
                _failures++;
                var delay = state.RetryAfter is { } after ? TimeSpan.FromSeconds(after) : RetryDelay(_failures);
                _retryTimer = _scheduler.Schedule(delay, RetryIfRunning);
                Report(SubscriptionStatus.Terminated, RetryIn(TerminatedBecause(reason), delay), null);
                break;
        }
    }

    /// <summary>"terminated (reason)", or "terminated" without a reason (RFC 6665 4.1.3).</summary>
    private static SyncLogArg TerminatedBecause(string? reason) => SyncLogArg.Phrase(reason is null
        ? StatusPhrase.Of(StatusPhraseCode.Terminated)
        : StatusPhrase.Of(StatusPhraseCode.TerminatedBecause, SyncLogArg.Text(reason)));
}
