namespace Phone.SipCore.Auth;

/// <summary>
/// Digest state for one line and one protection space: the last challenge, the nonce count, and
/// whether the credentials have been tried against it. One per realm (and per 401/407 kind), owned
/// by the line's agent; calls are serialized by a lock so a refresh timer cannot race a response.
/// </summary>
public sealed class DigestSession
{
    /// <summary>A server that answers every retry with stale=true would loop forever; stop after this many.</summary>
    public const int MaxConsecutiveStale = 3;

    private readonly DigestCredentials _credentials;
    private readonly DigestAuthenticator _authenticator;
    private readonly string? _realm;
    private readonly Lock _gate = new();
    private DigestChallenge? _challenge;
    private uint _nonceCount;
    private bool _sentSinceChallenge;
    private int _consecutiveStale;
    private bool _isProxy;

    /// <param name="realm">When set, only challenges for this realm are answered (a misdirected or
    /// hostile server cannot collect a hash made for another realm).</param>
    public DigestSession(DigestCredentials credentials, DigestAuthenticator authenticator, string? realm = null)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _authenticator = authenticator ?? throw new ArgumentNullException(nameof(authenticator));
        _realm = realm;
    }

    /// <summary>The challenge the next <see cref="Authorize"/> answers; null before the first 401/407.</summary>
    public DigestChallenge? Challenge
    {
        get { lock (_gate) { return _challenge; } }
    }

    /// <summary>The nc of the last request sent with the current nonce (0 before the first).</summary>
    public uint NonceCount
    {
        get { lock (_gate) { return _nonceCount; } }
    }

    /// <summary>True when the challenge came in a 407, so the header is Proxy-Authorization.</summary>
    public bool IsProxy
    {
        get { lock (_gate) { return _isProxy; } }
    }

    /// <summary>RFC 3261 22.2 / 22.3: answer a 401 with Authorization, a 407 with Proxy-Authorization.</summary>
    public string AuthorizationHeaderName => IsProxy ? "Proxy-Authorization" : "Authorization";

    /// <summary>
    /// Takes the WWW-Authenticate (401) or Proxy-Authenticate (407) values of a response and says
    /// whether to retry. Changes nothing when the challenge is unusable or the credentials are wrong.
    /// </summary>
    public DigestChallengeResult OnChallenge(int statusCode, IEnumerable<string> challengeHeaderValues)
    {
        if (statusCode is not (401 or 407))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Only 401 and 407 carry challenges.");
        }
        if (!DigestChallengeSelector.TrySelect(challengeHeaderValues, _realm, out var challenge, out var reason))
        {
            return new DigestChallengeResult(DigestChallengeOutcome.Unusable, null, reason);
        }
        lock (_gate)
        {
            var outcome = DigestChallengeOutcome.Retry;
            if (_sentSinceChallenge)
            {
                if (!challenge!.Stale)
                {
                    return new DigestChallengeResult(
                        DigestChallengeOutcome.CredentialsRejected,
                        challenge,
                        $"credentials for '{_credentials.Username}' rejected by realm '{challenge.Realm}'");
                }
                if (++_consecutiveStale > MaxConsecutiveStale)
                {
                    return new DigestChallengeResult(
                        DigestChallengeOutcome.CredentialsRejected,
                        challenge,
                        $"realm '{challenge.Realm}' called the nonce stale {_consecutiveStale} times in a row");
                }
                outcome = DigestChallengeOutcome.RetryWithNewNonce;
            }
            // nc counts uses of one nonce (RFC 7616 3.4): restart only when the nonce changes, so a
            // server that repeats its nonce never sees a count twice.
            if (_challenge is null || !string.Equals(_challenge.Nonce, challenge!.Nonce, StringComparison.Ordinal))
            {
                _nonceCount = 0;
            }
            _challenge = challenge;
            _sentSinceChallenge = false;
            _isProxy = statusCode == 407;
            return new DigestChallengeResult(outcome, challenge, null);
        }
    }

    /// <summary>
    /// Credentials for the next request (a retry, or a later request reusing the nonce): increments nc.
    /// Returns null before any challenge.
    /// </summary>
    public DigestResponse? Authorize(string method, string digestUri, ReadOnlySpan<byte> body = default)
    {
        lock (_gate)
        {
            if (_challenge is null)
            {
                return null;
            }
            _nonceCount++;
            _sentSinceChallenge = true;
            return _authenticator.Compute(_challenge, _credentials, method, digestUri, _nonceCount, body);
        }
    }

    /// <summary>
    /// A request that carried credentials got a final response other than 401/407. A later challenge
    /// (say, on a REGISTER refresh an hour on, when the nonce has expired) is then a fresh one, not
    /// proof of a wrong password.
    /// </summary>
    public void OnAccepted()
    {
        lock (_gate)
        {
            _sentSinceChallenge = false;
            _consecutiveStale = 0;
        }
    }
}
