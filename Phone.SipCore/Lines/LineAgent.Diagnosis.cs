using System.Globalization;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines.Diagnosis;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Usages;
using D = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Details;
using S = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Steps;
using V = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Verdicts;

namespace Phone.SipCore.Lines;

/// <summary>
/// "Does this server really support feature sync, and if not, why?" (issue 16): the reference
/// guide's checks, run against the live server from the line's own outcomes. Reads happen on the
/// line's queue; waits are awaits on a status condition bounded by <see cref="TimeProvider"/>, so
/// nothing blocks the queue or the receive path. The round trip goes through the line's queue
/// like any web change.
/// </summary>
public sealed partial class LineAgent
{
    /// <summary>How long a diagnosis waits for a registration or subscription still deciding.</summary>
    public static readonly TimeSpan DiagnosisWait = TimeSpan.FromSeconds(4);

    /// <summary>How long the diagnosis' test call waits for the PBX's final response before it cancels.</summary>
    public static readonly TimeSpan DiagnosisTestCallAnswerWait = TimeSpan.FromSeconds(5);

    private readonly StatusWaiters _statusWaiters = new();
    private NotifyShape _notifyShape = NotifyShape.None;

    public async Task<LineDiagnosis> DiagnoseAsync(DiagnosisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var time = _context.Time;
        var started = time.GetUtcNow();
        var clock = time.GetTimestamp();
        var steps = new List<DiagnosisStep>();
        var verdict = await RunChecksAsync(request, steps, cancellationToken).ConfigureAwait(false);
        return new LineDiagnosis(Line, verdict.Ok, verdict.Code, verdict.Arguments, steps, started, time.GetElapsedTime(clock));
    }

    private async Task<Verdict> RunChecksAsync(DiagnosisRequest request, List<DiagnosisStep> steps, CancellationToken ct)
    {
        if (!_config.CanRegister)
        {
            steps.Add(Step(S.Registration, false, D.NotConfigured, []));
            return new Verdict(false, V.NotConfigured, [Line.ToString(CultureInfo.InvariantCulture)]);
        }
        var status = await WaitForStatusAsync(s => s.Registration is RegistrationState.Registered or RegistrationState.Failed, DiagnosisWait, ct)
            .ConfigureAwait(false);
        var registration = RegistrationStep(status);
        steps.Add(registration.Step);
        if (!registration.Step.Ok)
        {
            return registration.Verdict!;
        }
        if (_config.ActiveMethod is null)
        {
            steps.Add(Step(S.FeatureSync, false, D.Off, []));
            return new Verdict(false, V.SyncOff, []);
        }
        Verdict? failed = null;
        var roundTripMs = (string?)null;
        if (_subscription is not null)
        {
            status = await WaitForStatusAsync(s => s.Subscription is not (SubscriptionStatus.Subscribing or SubscriptionStatus.NotUsed), DiagnosisWait, ct)
                .ConfigureAwait(false);
            var subscription = await _queue.InvokeAsync(() => SubscriptionSteps(status, steps)).ConfigureAwait(false);
            failed = subscription;
            if (failed is null && request.RoundTrip)
            {
                (failed, roundTripMs) = await RoundTripAsync(steps, ct).ConfigureAwait(false);
            }
        }
        if (failed is null)
        {
            // Both checks run, so a 3CX line missing its forward codes still says whether the
            // server opened its uaCSTA session; the first failure decides the verdict.
            var codes = _config.Profile!.Method is SyncMethod.FeatureCodes or SyncMethod.FeatureCodesWithAsFeatureEventDnd
                ? await FeatureCodeStepsAsync(request, steps, ct).ConfigureAwait(false)
                : null;
            var csta = _csta is not null ? await CstaStepAsync(_csta, steps).ConfigureAwait(false) : null;
            failed = codes ?? csta;
        }
        if (failed is not null)
        {
            return failed;
        }
        if (roundTripMs is not null)
        {
            return new Verdict(true, V.Works, [roundTripMs]);
        }
        if (_subscription is null)
        {
            return new Verdict(true, V.CodesOnly, []);
        }
        return _subscription.ServerHoldsNoState
            ? new Verdict(true, V.WorksNoState, [_config.Settings.User])
            : new Verdict(true, V.WorksUntested, []);
    }

    private (DiagnosisStep Step, Verdict? Verdict) RegistrationStep(LineStatus status)
    {
        string[] evidence = _registration is { } r ? [r.CallId] : [];
        var detail = status.RegistrationDetail ?? "";
        if (status.Registration == RegistrationState.Registered)
        {
            return (new DiagnosisStep(S.Registration, true, D.Registered, [detail], evidence), null);
        }
        var code = status.RegistrationStatusCode;
        var user = _config.Settings.AuthUser is { Length: > 0 } auth ? auth : _config.Settings.User;
        (string Detail, Verdict Verdict) outcome = code switch
        {
            401 or 407 => (D.AuthRejected, new Verdict(false, V.WrongCredentials, [user, detail])),
            403 => (D.Forbidden, new Verdict(false, V.RegistrationForbidden, [_config.Settings.User, detail])),
            423 => (D.IntervalTooBrief, new Verdict(false, V.RegistrationRefused, [detail])),
            { } => (D.Refused, new Verdict(false, V.RegistrationRefused, [detail])),
            null => (D.Unreachable, new Verdict(false, V.Unreachable, [Targets(), detail])),
        };
        string[] arguments = code is null ? [Targets(), detail] : [detail];
        return (new DiagnosisStep(S.Registration, false, outcome.Detail, arguments, evidence), outcome.Verdict);
    }

    /// <summary>The subscription, the shape of its full state and the features it left out. On the line's queue.</summary>
    private Verdict? SubscriptionSteps(LineStatus status, List<DiagnosisStep> steps)
    {
        var subscription = _subscription!;
        string[] evidence = subscription.CallId is { } id ? [id] : [];
        var detail = status.SubscriptionDetail ?? "";
        var user = _config.Settings.User;
        var package = _config.EventPackage;
        switch (status.Subscription)
        {
            case SubscriptionStatus.Active when subscription.ServerHoldsNoState:
                steps.Add(new DiagnosisStep(S.Subscription, true, D.ActiveNoState, [package], evidence));
                steps.Add(new DiagnosisStep(S.FullState, true, D.Empty, [], evidence));
                return null;
            case SubscriptionStatus.Active:
                steps.Add(new DiagnosisStep(S.Subscription, true, D.Supported, [package], evidence));
                steps.Add(new DiagnosisStep(S.FullState, true, _notifyShape.Code, [Num(_notifyShape.FirstDocuments), Num(_notifyShape.WithBody)], evidence));
                var missing = _features.All.Where(f => f.Standing == FeatureStanding.NotAssigned).Select(f => f.Kind.ToString()).ToList();
                steps.Add(new DiagnosisStep(S.Assigned, true, missing.Count == 0 ? D.AllAssigned : D.NotAssigned, [string.Join(", ", missing)], evidence));
                return null;
            case SubscriptionStatus.WaitingForState:
                steps.Add(new DiagnosisStep(S.Subscription, false, D.NoState, [package], evidence));
                return new Verdict(false, V.SubscribedNoState, [user, package]);
        }
        var code = status.SubscriptionStatusCode;
        var (stepDetail, verdict) = (status.Subscription, code) switch
        {
            (SubscriptionStatus.Unsupported, 403 or 404) => (D.NotProvisioned, new Verdict(false, V.NotProvisioned, [user, detail])),
            (SubscriptionStatus.Unsupported, _) => (D.BadEvent, new Verdict(false, V.NotOffered, [user, StatusOnly(detail), package])),
            (SubscriptionStatus.Terminated, _) => (D.Terminated, new Verdict(false, V.SubscriptionFailed, [detail])),
            (_, null) => (D.Unreachable, new Verdict(false, V.Unreachable, [Targets(), detail])),
            _ => (D.Failed, new Verdict(false, V.SubscriptionFailed, [detail])),
        };
        string[] arguments = stepDetail == D.Unreachable ? [Targets(), detail] : [detail];
        steps.Add(new DiagnosisStep(S.Subscription, false, stepDetail, arguments, evidence));
        return verdict;
    }

    /// <summary>Turns DND over and back: Set, the confirming NOTIFY's latency, the old-then-new pattern, a refusal.</summary>
    private async Task<(Verdict? Failed, string? Ms)> RoundTripAsync(List<DiagnosisStep> steps, CancellationToken ct)
    {
        var (before, reportsBefore, callId) = await _queue.InvokeAsync(() =>
            (_features.Dnd.Enabled, _tracker?.OtherValueReports ?? 0, _subscription?.CallId)).ConfigureAwait(false);
        string[] evidence = callId is null ? [] : [callId];
        var started = _context.Time.GetTimestamp();
        var asked = await RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(!before), FeatureOrigin.Web)).ConfigureAwait(false);
        if (!asked.Accepted)
        {
            steps.Add(new DiagnosisStep(S.RoundTrip, false, D.NoConfirmation, [asked.Error ?? ""], evidence));
            return (new Verdict(false, V.NoConfirmation, [asked.Error ?? ""]), null);
        }
        var window = _context.SyncOptions.ConfirmationWindow + _context.SyncOptions.SettleWindow;
        var decided = await WaitForStatusAsync(s => s.Features.Dnd.Standing != FeatureStanding.Pending, window, ct).ConfigureAwait(false);
        var ms = Num((long)_context.Time.GetElapsedTime(started).TotalMilliseconds);
        var dnd = decided.Features.Dnd;
        var oldThenNew = await _queue.InvokeAsync(() => (_tracker?.OtherValueReports ?? 0) > reportsBefore).ConfigureAwait(false);
        Verdict? failed = null;
        switch (dnd.Standing)
        {
            case FeatureStanding.Confirmed:
                steps.Add(new DiagnosisStep(S.RoundTrip, true, oldThenNew ? D.ConfirmedAfterOldValue : D.Confirmed, [ms], evidence));
                // Put DND back as it was; this one is not measured.
                await RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(before), FeatureOrigin.Web)).ConfigureAwait(false);
                await WaitForStatusAsync(s => s.Features.Dnd.Standing != FeatureStanding.Pending, window, ct).ConfigureAwait(false);
                break;
            case FeatureStanding.Rejected:
                steps.Add(new DiagnosisStep(S.RoundTrip, false, D.RefusedByServer, [ms, dnd.Detail ?? ""], evidence));
                failed = new Verdict(false, V.ChangeRefused, [_config.Settings.User, dnd.Detail ?? ""]);
                break;
            default:
                steps.Add(new DiagnosisStep(S.RoundTrip, false, D.NoConfirmation, [dnd.Detail ?? dnd.Standing.ToString()], evidence));
                failed = new Verdict(false, V.NoConfirmation, [dnd.Detail ?? dnd.Standing.ToString()]);
                break;
        }
        return (failed, failed is null ? ms : null);
    }

    /// <summary>uaCSTA (docs/protocol.md 4): the server opens the session; the phone only answers it.</summary>
    private async Task<Verdict?> CstaStepAsync(CstaSession csta, List<DiagnosisStep> steps)
    {
        var (sessions, callIds) = await _queue.InvokeAsync(() => (csta.SessionCount, csta.SessionCallIds)).ConfigureAwait(false);
        steps.Add(new DiagnosisStep(S.UaCsta, sessions > 0, sessions > 0 ? D.SessionOpen : D.NoSession, [Num(sessions)], callIds));
        return sessions > 0 ? null : new Verdict(false, V.NoCstaSession, [_config.Settings.User]);
    }

    /// <summary>Feature-code profiles: the codes the profile lacks, and an optional test call of one code.</summary>
    private async Task<Verdict?> FeatureCodeStepsAsync(DiagnosisRequest request, List<DiagnosisStep> steps, CancellationToken ct)
    {
        var profile = _config.Profile!;
        var missing = MissingCodes(profile);
        steps.Add(Step(S.FeatureCodes, missing.Count == 0, missing.Count == 0 ? D.CodesComplete : D.CodesMissing, [string.Join(", ", missing)]));
        Verdict? failed = missing.Count == 0 ? null : new Verdict(false, V.CodesMissing, [profile.Name, string.Join(", ", missing)]);
        if (request.TestCode is not { Length: > 0 } code || _registration?.Target is not { } destination)
        {
            return failed;
        }
        var outcome = await TestCallAsync(code, destination, ct).ConfigureAwait(false);
        string[] evidence = outcome.CallId is { } callId ? [callId] : [];
        var status = outcome.Status is { } s ? Num(s) : "";
        var wait = Num((long)TestCallOptions().AnswerTimeout.TotalSeconds);
        (string Detail, string[] Arguments, Verdict? Failed) result = outcome switch
        {
            { Success: true } => (D.CallAnswered, [code, status, outcome.Detail], null),
            { NotAnswered: true } => (D.CallNotAnswered, [code, wait], new Verdict(false, V.CodeNotAnswered, [code, wait])),
            _ => (D.CallFailed, [code, status, outcome.Detail], new Verdict(false, V.CodeFailed, [code, outcome.Detail])),
        };
        steps.Add(new DiagnosisStep(S.TestCall, outcome.Success, result.Detail, result.Arguments, evidence));
        return failed ?? result.Failed;
    }

    /// <summary>
    /// The codes the line would dial but its profile lacks. A FortiVoice-style profile
    /// (<see cref="SyncMethod.FeatureCodesWithAsFeatureEventDnd"/>) reached here with its subscription
    /// working, so DND goes by the subscription and only the forwards need codes (docs/protocol.md 3).
    /// </summary>
    private static List<string> MissingCodes(PbxProfile profile)
    {
        var missing = new List<string>();
        foreach (var kind in Enum.GetValues<FeatureKind>())
        {
            if (kind == FeatureKind.Dnd && profile.Method == SyncMethod.FeatureCodesWithAsFeatureEventDnd)
            {
                continue;
            }
            if (profile.OnCode(kind).Length == 0)
            {
                missing.Add($"{kind} on");
            }
            if (profile.OffCode(kind).Length == 0)
            {
                missing.Add($"{kind} off");
            }
        }
        return missing;
    }

    /// <summary>
    /// One call of the code. It waits <see cref="DiagnosisTestCallAnswerWait"/> at most for a final
    /// response (a PBX answers a code at once; the line's own 15 s would break "about ten seconds"),
    /// then cancels (RFC 3261 9.1); the bound covers the CANCEL's 487 as well.
    /// </summary>
    private async Task<FeatureCodeOutcome> TestCallAsync(string code, Transport.SipEndPoint destination, CancellationToken ct)
    {
        _codeAuth ??= new Usages.AuthenticatingSender(_config.ToAccount().Credentials);
        var options = TestCallOptions();
        using var bound = new CancellationTokenSource(options.AnswerTimeout + DiagnosisWait, _context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, ct);
        try
        {
            return await FeatureCodeCall.DialAsync(_context.Stack, _config.ToAccount(), Line, destination, code, _codeAuth,
                options, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new FeatureCodeOutcome(false, null, StatusPhrase.Detail(StatusPhraseCode.CodeNoAnswerCancelled), code, NotAnswered: true);
        }
    }

    private FeatureCodeOptions TestCallOptions()
    {
        var options = _context.FeatureCodeOptions;
        return options.AnswerTimeout <= DiagnosisTestCallAnswerWait ? options : options with { AnswerTimeout = DiagnosisTestCallAnswerWait };
    }

    /// <summary>Waits, without holding the queue, for the line's status to meet <paramref name="condition"/>; the latest status after <paramref name="within"/>.</summary>
    private async Task<LineStatus> WaitForStatusAsync(Func<LineStatus, bool> condition, TimeSpan within, CancellationToken ct)
    {
        var done = await _queue.InvokeAsync(() => _statusWaiters.Add(_status, condition)).ConfigureAwait(false);
        using var timer = _context.Time.CreateTimer(_ => done.TrySetResult(null), null, within, Timeout.InfiniteTimeSpan);
        using var cancel = ct.Register(() => done.TrySetCanceled(ct));
        var matched = await done.Task.ConfigureAwait(false);
        return matched ?? await _queue.InvokeAsync(() =>
        {
            _statusWaiters.Remove(done);
            return _status;
        }).ConfigureAwait(false);
    }

    private string Targets() => _registration is { } r && r.ServerTargets.Count > 0
        ? string.Join(", ", r.ServerTargets.Select(t => $"{t.Transport.ToString().ToUpperInvariant()} {t.EndPoint}"))
        : $"{_config.Settings.RegistrarHost}:{_config.Settings.Port}";

    /// <summary>"489 Bad Event: server does not support ..." (as a phrase or as text) → "489 Bad Event".</summary>
    private static string StatusOnly(string detail) => StatusPhrase.ProtocolText(detail).Split(':', 2)[0];

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static DiagnosisStep Step(string name, bool ok, string detail, IReadOnlyList<string> arguments) =>
        new(name, ok, detail, arguments, []);

    private sealed record Verdict(bool Ok, string Code, IReadOnlyList<string> Arguments);
}
