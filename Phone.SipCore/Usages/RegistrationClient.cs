using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;

namespace Phone.SipCore.Usages;

/// <summary>
/// Keeps one line registered (RFC 3261 section 10): REGISTER with digest auth, refresh well
/// before the granted expiry, Min-Expires on 423, failover to the next DNS target on timeout
/// or 503, retry with capped exponential backoff and jitter, and un-REGISTER on stop. One
/// Call-ID for the binding's life, CSeq increasing (10.2.4).
/// </summary>
public sealed class RegistrationClient : IAsyncDisposable
{
    /// <summary>First retry delay after a failure; doubles up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly SipStack _stack;
    private readonly SipAccount _account;
    private readonly object? _line;
    private readonly TargetCursor _targets;
    private readonly AuthenticatingSender _auth;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly string _callId;
    private readonly string _tag = SipIds.NewTag();
    private readonly CancellationTokenSource _stop = new();
    private CancellationTokenSource _wait = new();
    private uint _cseq;
    private int _requestedExpiry;
    private Task? _loop;
    private bool _registered;
    private volatile SipEndPoint? _lastTarget;

    /// <param name="line">The tag the registration's messages are traced under (the line number in the phone).</param>
    public RegistrationClient(SipStack stack, SipAccount account, object? line, SipTargetResolver resolver, ILogger logger, Random? random = null)
    {
        _stack = stack;
        _account = account;
        _line = line;
        _targets = new TargetCursor(resolver, account);
        _auth = new AuthenticatingSender(account.Credentials);
        _logger = logger;
        _random = random ?? Random.Shared;
        _requestedExpiry = account.RegistrationExpiry;
        _callId = SipIds.NewCallId("featuresync");
        stack.TraceCall(_callId, line);
        stack.TransportFailed += OnTransportFailed;
    }

    /// <summary>The connection to the registrar broke (TCP/TLS reset): register again now over a new one.</summary>
    private void OnTransportFailed(SipEndPoint remote)
    {
        if (_registered && Equals(remote, _lastTarget))
        {
            _logger.LogInformation("Line {Line}: transport to the registrar failed; registering again", _line);
            _registered = false;
            RegisterNow();
        }
    }

    /// <summary>Every state change; called on the client's own loop, so hand off quickly.</summary>
    public event Action<RegistrationSnapshot>? Changed;

    /// <summary>The Call-ID every REGISTER of this line carries (RFC 3261 10.2), to find them in the trace.</summary>
    public string CallId => _callId;

    public RegistrationSnapshot Current { get; private set; } = new(RegistrationState.Idle, null, null);

    /// <summary>Where the binding lives now, for requests that must follow it (SUBSCRIBE, INVITE).</summary>
    public SipEndPoint? Target => _lastTarget;

    /// <summary>
    /// Every target the registrar (or outbound proxy) resolved to last time (RFC 3263: each SRV
    /// target's A/AAAA records); re-resolved when every target has failed. Safe to read from any thread.
    /// </summary>
    public IReadOnlyList<SipTarget> ServerTargets => _targets.Known;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Registers again now (settings or network changed) instead of waiting for the refresh.</summary>
    public void RegisterNow()
    {
        try
        {
            _wait.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait just ended on its own; the loop is registering anyway.
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            TimeSpan next;
            RegistrationSnapshot outcome;
            try
            {
                (var granted, outcome) = await RegisterOnceAsync(_requestedExpiry, stop).ConfigureAwait(false);
                failures = 0;
                next = RefreshDelay(granted);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Any failure (error response, DNS, no transport) is shown and retried with backoff.
                failures++;
                _registered = false;
                var reason = ex switch
                {
                    RegistrationFailedException failed => failed.Detail,
                    SipResolutionException unresolved => FailurePhrases.Resolution(unresolved).Encode(),
                    _ => FailurePhrases.Unexpected(ex),
                };
                outcome = new RegistrationSnapshot(RegistrationState.Failed, reason, null, StatusCode: (ex as RegistrationFailedException)?.StatusCode);
                next = Backoff(failures);
                _logger.LogInformation("Line {Line} registration failed ({Reason}); retry in {Delay}", _line,
                    ex is RegistrationFailedException or SipResolutionException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}", next);
            }
            // The timer starts before anyone hears of the outcome, so "refresh in N s" counts from now.
            var waiting = WaitAsync(next, stop);
            Publish(outcome);
            await waiting.ConfigureAwait(false);
        }
    }

    /// <summary>One REGISTER exchange, following failover, 423 and challenges. Returns the granted seconds.</summary>
    private async Task<(int Granted, RegistrationSnapshot Snapshot)> RegisterOnceAsync(int expiry, CancellationToken cancellationToken)
    {
        if (!_registered)
        {
            Publish(new RegistrationSnapshot(RegistrationState.Registering, null, null));
        }
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var destination = await _targets.CurrentAsync(cancellationToken).ConfigureAwait(false);
            var contact = ContactFor(destination);
            var outcome = await _auth.SendAsync(_stack, destination, auth => BuildRegister(destination, contact, expiry, auth),
                "REGISTER", _account.RegistrarUri, cancellationToken).ConfigureAwait(false);
            var response = outcome.Response;
            if (response is null || response.StatusCode == 503)
            {
                // RFC 3263 4.3: try the next target on timeout, transport error or 503.
                if (_targets.Fail() && attempt < 3)
                {
                    continue;
                }
                throw new RegistrationFailedException(FailurePhrases.Outcome(outcome), outcome.Describe(), response?.StatusCode);
            }
            if (response.StatusCode == 423 && response.MinExpires is { } min && min > expiry)
            {
                // RFC 3261 10.2.8: ask again with at least Min-Expires.
                expiry = (int)Math.Min(min, int.MaxValue);
                _requestedExpiry = expiry;
                continue;
            }
            if (response.StatusCode is >= 200 and < 300)
            {
                var granted = GrantedExpiry(response, contact, expiry);
                var isNew = !_registered || !Equals(_lastTarget, destination);
                _registered = true;
                _lastTarget = destination;
                return (granted, new RegistrationSnapshot(RegistrationState.Registered, TransactionOutcome.StatusLine(response),
                    _stack.Time.GetUtcNow().AddSeconds(granted), isNew, response.StatusCode));
            }
            throw new RegistrationFailedException(FailurePhrases.Response(response, _auth.AuthFailure), $"{outcome.Describe()} {_auth.AuthFailure}",
                response.StatusCode);
        }
        throw new RegistrationFailedException(StatusPhrase.Detail(StatusPhraseCode.TooManyRedirections), "too many redirections of the REGISTER");
    }

    private SipRequest BuildRegister(SipEndPoint destination, string contact, int expiry, (string Name, string Value)? auth)
    {
        var via = _stack.NewVia(destination.Transport, destination.EndPoint, out _);
        var cseq = Interlocked.Increment(ref _cseq);
        var builder = SipMessageBuilder.ForRequest(SipMethod.Register, _account.RegistrarUri)
            .AddHeader(HeaderId.Via, via)
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, $"{DisplayName()}<{_account.AddressOfRecord}>;tag={_tag}")
            .AddHeader(HeaderId.To, $"{DisplayName()}<{_account.AddressOfRecord}>")
            .AddHeader(HeaderId.CallId, _callId)
            .AddHeader(HeaderId.CSeq, string.Create(CultureInfo.InvariantCulture, $"{cseq} REGISTER"))
            .AddHeader(HeaderId.Contact, contact)
            .AddHeader(HeaderId.Expires, expiry.ToString(CultureInfo.InvariantCulture))
            .AddHeader(HeaderId.Allow, _stack.Capabilities.Allow)
            .AddHeader(HeaderId.UserAgent, "FeatureSync");
        // Allow-Events names what the line's usages take (RFC 6665 8.2.2), nothing when none.
        if (_stack.Capabilities.AllowEvents is { } events)
        {
            builder.AddHeader(HeaderId.AllowEvents, events);
        }
        if (auth is { } header)
        {
            builder.AddHeader(header.Name, header.Value);
        }
        return builder.BuildRequest();
    }

    private string DisplayName() => _account.DisplayName.Length == 0
        ? ""
        : $"\"{_account.DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\" ";

    /// <summary>Our Contact for this destination: the reachable local address, listening port and the line's token.</summary>
    public string ContactFor(SipEndPoint destination) => _stack.ContactFor(_account.User, destination, _account.ContactToken);

    /// <summary>RFC 3261 10.2.4: our Contact's expires parameter, else Expires, else what we asked.</summary>
    private static int GrantedExpiry(SipResponse response, string contact, int requested)
    {
        if (response.TryGetContacts(out var contacts))
        {
            var ours = contact.Trim('<', '>');
            foreach (var c in contacts)
            {
                if (c.Address?.Uri is { } uri && SipUri.TryParse(ours, out var mine) && uri.Equals(mine) && c.Expires is { } e)
                {
                    return (int)Math.Min(e, int.MaxValue);
                }
            }
        }
        return response.Expires is { } expires ? (int)Math.Min(expires, int.MaxValue) : requested;
    }

    /// <summary>Refresh well before expiry: at 85 % of a long binding, half of a short one.</summary>
    public static TimeSpan RefreshDelay(int grantedSeconds) => grantedSeconds >= 60
        ? TimeSpan.FromSeconds(grantedSeconds * 0.85)
        : TimeSpan.FromSeconds(Math.Max(1, grantedSeconds / 2.0));

    /// <summary>5 s, 10 s, 20 s ... capped at 5 min, with +/-20 % jitter so phones do not retry in step.</summary>
    public TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures - 1, 10);
        var baseDelay = Math.Min(FirstBackoff.TotalSeconds * Math.Pow(2, exponent), MaxBackoff.TotalSeconds);
        var jitter = 0.8 + (_random.NextDouble() * 0.4);
        return TimeSpan.FromSeconds(baseDelay * jitter);
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _wait.Token);
        try
        {
            await Task.Delay(delay, _stack.Time, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            _wait.Dispose();
            _wait = new CancellationTokenSource();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Publish(RegistrationSnapshot snapshot)
    {
        Current = snapshot;
        Changed?.Invoke(snapshot);
    }

    /// <summary>Stops refreshing and removes the binding (Expires: 0), waiting a bounded time for the answer.</summary>
    public async Task UnregisterAsync(TimeSpan within)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        if (!_registered || _lastTarget is null)
        {
            Publish(new RegistrationSnapshot(RegistrationState.Unregistered, null, null));
            return;
        }
        using var timeout = new CancellationTokenSource(within, _stack.Time);
        try
        {
            var destination = _lastTarget;
            var contact = ContactFor(destination);
            await _auth.SendAsync(_stack, destination, auth => BuildRegister(destination, contact, 0, auth),
                "REGISTER", _account.RegistrarUri, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.LogInformation("Line {Line}: no answer to the un-REGISTER within {Within}", _line, within);
        }
        _registered = false;
        Publish(new RegistrationSnapshot(RegistrationState.Unregistered, null, null));
    }

    public async ValueTask DisposeAsync()
    {
        _stack.TransportFailed -= OnTransportFailed;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stack.ForgetCall(_callId);
        _stop.Dispose();
        _wait.Dispose();
    }

    /// <param name="detail">For people: a status line or an encoded <see cref="StatusPhrase"/>.</param>
    /// <param name="message">For the process log, in English.</param>
    /// <param name="statusCode">The registrar's final status, if one came.</param>
    private sealed class RegistrationFailedException(string detail, string message, int? statusCode = null) : Exception(message)
    {
        public string Detail { get; } = detail;

        public int? StatusCode { get; } = statusCode;
    }
}
