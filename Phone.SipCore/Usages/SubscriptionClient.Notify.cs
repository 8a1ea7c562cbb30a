using Microsoft.Extensions.Logging;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Usages;

/// <summary>The notifier's side of the dialog: NOTIFYs and the end of the subscription (RFC 6665 4.1.3).</summary>
public sealed partial class SubscriptionClient
{
    private void OnNotify(ServerTransaction transaction)
    {
        var notify = transaction.Request;
        var dialog = _dialog;
        if (notify.Method != SipMethod.Notify)
        {
            transaction.Respond(405);
            return;
        }
        if (dialog is null || _stopped && !dialog.IsEstablished || notify.CallId != dialog.CallId || notify.ToTag != dialog.LocalTag
            || dialog.IsEstablished && notify.FromTag != dialog.RemoteTag)
        {
            // RFC 6665 4.1.3: a NOTIFY that matches no subscription of ours.
            transaction.Respond(481, "Subscription Does Not Exist");
            return;
        }
        if (!dialog.IsNotifierAddress(transaction.Remote.EndPoint.Address))
        {
            // Right Call-ID and tags from a host the subscription never talked to: a forged or
            // misrouted NOTIFY must not change the line (issue: hostile input).
            _logger.LogWarning("Line {Line}: NOTIFY from {Remote}, which is not the subscription's server; refused", _line, transaction.Remote);
            transaction.Respond(481, "Subscription Does Not Exist");
            return;
        }
        if (!notify.TryGetEvent(out var evt) || !string.Equals(evt.Package, _package, StringComparison.OrdinalIgnoreCase))
        {
            transaction.Respond(489, "Bad Event");
            return;
        }
        if (!dialog.TryTakeRemoteCSeq(notify.CSeq.Number))
        {
            // RFC 3261 12.2.2: out of order. Applying it would put back a state the notifier
            // has already replaced (seen at 1,000 NOTIFYs/s, when a burst of datagrams was lost).
            transaction.Respond(500, "Out Of Order");
            return;
        }
        dialog.Establish(notify, fromResponse: false);
        transaction.Respond(200);
        if (_stopped)
        {
            // The final NOTIFY after our unsubscribe: answered, nothing to apply.
            if (notify.TryGetSubscriptionState(out var final) && final.IsTerminated)
            {
                _stack.UnregisterCall(dialog.CallId);
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
            Report(SubscriptionStatus.Active, state?.IsPending == true ? "pending authorization" : null, expires is { } s ? Until(s) : null);
        }
    }

    /// <summary>RFC 6665 4.1.3: what to do depends on the reason.</summary>
    private void OnTerminated(SubscriptionState state)
    {
        var reason = state.Reason?.ToLowerInvariant();
        _stack.UnregisterCall(_dialog!.CallId);
        _dialog = null;
        CancelTimers();
        _owner.OnSubscriptionLost();
        switch (reason)
        {
            case "deactivated" or "timeout":
                Report(SubscriptionStatus.Terminated, $"terminated ({reason}); subscribing again", null);
                Subscribe();
                break;
            case "probation" or "giveup":
                var wait = state.RetryAfter is { } r ? TimeSpan.FromSeconds(r) : _options.DefaultRetryAfter;
                _retryTimer = _scheduler.Schedule(wait, RetryIfRunning);
                Report(SubscriptionStatus.Terminated, $"terminated ({reason}); retry in {wait.TotalSeconds:0} s", null);
                break;
            case "rejected" or "noresource":
                // Never retried: the administrator must change something on the server.
                Report(SubscriptionStatus.Terminated, $"terminated ({reason}) by the server; not retrying", null);
                break;
            default:
                _failures++;
                var delay = state.RetryAfter is { } after ? TimeSpan.FromSeconds(after) : RetryDelay(_failures);
                _retryTimer = _scheduler.Schedule(delay, RetryIfRunning);
                Report(SubscriptionStatus.Terminated, $"terminated{(reason is null ? "" : $" ({reason})")}; retry in {delay.TotalSeconds:0} s", null);
                break;
        }
    }
}
