using Phone.SipCore.SyncLog;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Lines;

public sealed partial class LineAgent
{
    private readonly Dictionary<FeatureKind, FeatureWish> _codeQueued = [];
    private readonly HashSet<FeatureKind> _codeInFlight = [];
    private AuthenticatingSender? _codeAuth;

    /// <summary>
    /// Feature-code sync (docs/protocol.md section 2): one INVITE to the code per change,
    /// never replayed at boot. One call per feature at a time; wishes made meanwhile collapse
    /// into the last, which is dialled only if it differs from what was just sent.
    /// </summary>
    private FeatureChangeResult DialFeatureCode(FeatureWish wish)
    {
        var profile = _config.Profile!;
        if (profile.DialString(wish.Kind, wish.Value.Enabled, wish.Value.Target) is null)
        {
            return FeatureChangeResult.Refused(StatusPhrase.Of(StatusPhraseCode.ProfileHasNoCode, SyncLogArg.Text(Line), SyncLogArg.Feature(wish.Kind),
                SyncLogArg.Text(profile.Name), SyncLogArg.ValueOf(FeatureKind.Dnd, wish.Value)));
        }
        if (_registration?.Target is null || _status.Registration != RegistrationState.Registered)
        {
            return FeatureChangeResult.Refused(StatusPhrase.Of(StatusPhraseCode.LineNotRegistered, SyncLogArg.Text(Line)));
        }
        if (_codeInFlight.Contains(wish.Kind))
        {
            _codeQueued[wish.Kind] = wish;
            SetFeature(Pending(wish, StatusPhrase.Detail(StatusPhraseCode.QueuedBehindCode)), FeaturePath.Code);
            return FeatureChangeResult.Ok;
        }
        StartDial(wish);
        return FeatureChangeResult.Ok;
    }

    private void StartDial(FeatureWish wish)
    {
        var dial = _config.Profile!.DialString(wish.Kind, wish.Value.Enabled, wish.Value.Target)!;
        var before = _features[wish.Kind];
        _codeInFlight.Add(wish.Kind);
        // The log entry first, then the state: whoever sees the new state finds its entry in the log.
        Log(SyncLogKind.Feature, wish.Origin, SyncOutcome.Pending, SyncLogEvent.About(SyncLogCode.FeatureCodeDialling, wish.Kind, wish.Value, SyncLogArg.Text(dial)));
        SetFeature(Pending(wish, StatusPhrase.Detail(StatusPhraseCode.Dialling, SyncLogArg.Text(dial))), FeaturePath.Code);
        _codeAuth ??= new AuthenticatingSender(_config.ToAccount().Credentials);
        var destination = _registration!.Target!;
        _ = Task.Run(async () =>
        {
            FeatureCodeOutcome outcome;
            try
            {
                outcome = await FeatureCodeCall.DialAsync(_context.Stack, _config.ToAccount(), Line, destination, dial, _codeAuth,
                    _context.FeatureCodeOptions, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                outcome = new FeatureCodeOutcome(false, null, FailurePhrases.Unexpected(ex), dial);
            }
            _queue.Post(() => OnDialed(wish, before, outcome));
        });
    }

    private void OnDialed(FeatureWish wish, FeatureState before, FeatureCodeOutcome outcome)
    {
        _codeInFlight.Remove(wish.Kind);
        if (_stopped)
        {
            return;
        }
        var now = _context.Time.GetUtcNow();
        if (outcome.Success)
        {
            Log(SyncLogKind.Feature, wish.Origin, SyncOutcome.Success,
                SyncLogEvent.About(SyncLogCode.FeatureCodeSent, wish.Kind, wish.Value, SyncLogArg.Detail(StatusPhrase.Detail(StatusPhraseCode.CodeSentAs, SyncLogArg.Text(outcome.RequestUri), SyncLogArg.TextOrPhrase(outcome.Detail)))));
            // The PBX cannot report back: the value is what was sent, not what the server confirmed.
            SetFeature(new FeatureState(wish.Kind, wish.Value.Enabled, wish.Value.Target, wish.Value.RingCount,
                FeatureStanding.SentUnconfirmed, wish.Origin, now, StatusPhrase.Detail(StatusPhraseCode.CodeSentNotConfirmable, SyncLogArg.Text(outcome.RequestUri))), FeaturePath.Code);
        }
        else
        {
            var failed = StatusPhrase.Detail(StatusPhraseCode.CodeFailed, SyncLogArg.Text(outcome.RequestUri), SyncLogArg.TextOrPhrase(outcome.Detail));
            Log(SyncLogKind.Feature, wish.Origin, SyncOutcome.Failed,
                SyncLogEvent.About(SyncLogCode.FeatureCodeFailed, wish.Kind, wish.Value, SyncLogArg.Detail(failed)));
            SetFeature(before with { Standing = FeatureStanding.Failed, ChangedAt = now, Detail = failed }, FeaturePath.Code);
        }
        if (_codeQueued.Remove(wish.Kind, out var next))
        {
            if (outcome.Success && next.Value == wish.Value)
            {
                return; // toggled away and back: the PBX already has it
            }
            DialFeatureCode(next);
        }
    }

    private bool HasCode(FeatureWish wish) => _config.Profile?.DialString(wish.Kind, wish.Value.Enabled, wish.Value.Target) is not null;

    private FeatureState Pending(FeatureWish wish, string detail) => new(wish.Kind, wish.Value.Enabled, wish.Value.Target,
        wish.Value.RingCount, FeatureStanding.Pending, wish.Origin, _context.Time.GetUtcNow(), detail);
}
