using Phone.SipCore.Auth;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Usages;

/// <summary>
/// Sends a request in a client transaction and answers digest challenges (401/407, RFC 3261
/// 22.2 and 22.3): the request is rebuilt with a new branch and CSeq and the credentials, and
/// later requests of the same usage reuse the nonce with an incremented nonce count. A wrong
/// password ends after one retry; a stale nonce is retried without asking anyone.
/// </summary>
public sealed class AuthenticatingSender
{
    private const int MaxAttempts = 4;
    private readonly DigestSession? _session;
    private readonly string? _user;

    public AuthenticatingSender(DigestCredentials? credentials, DigestAuthenticator? authenticator = null)
    {
        _session = credentials is null || string.IsNullOrEmpty(credentials.Username)
            ? null
            : new DigestSession(credentials, authenticator ?? new DigestAuthenticator());
        _user = credentials?.Username;
    }

    /// <summary>
    /// Why the last challenge could not be answered, starting with the challenge's status line
    /// (<see cref="FailurePhrases.Auth"/>); null when it could.
    /// </summary>
    public StatusPhrase? AuthFailure { get; private set; }

    /// <param name="build">Builds the request; gets the authorization header (name, value) to add, if any.</param>
    /// <param name="method">The request method, for the digest.</param>
    /// <param name="digestUri">The Request-URI, for the digest.</param>
    /// <param name="onStarted">Told each transaction started (a caller may CANCEL it).</param>
    /// <param name="on2xxRetransmission">For INVITE: retransmitted 2xx responses, so the caller can ACK again.</param>
    public async Task<TransactionOutcome> SendAsync(SipStack stack, SipEndPoint destination,
        Func<(string Name, string Value)?, SipRequest> build, string method, string digestUri,
        CancellationToken cancellationToken, Action<SipResponse>? onProvisional = null,
        Action<ClientTransaction>? onStarted = null, Action<SipResponse>? on2xxRetransmission = null)
    {
        AuthFailure = null;
        TransactionOutcome outcome = null!;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var credentials = _session?.Authorize(method, digestUri);
            (string, string)? header = credentials is null ? null : (_session!.AuthorizationHeaderName, credentials.ToHeaderValue());
            var request = build(header);
            var transaction = stack.Transactions.StartClient(request, destination, onProvisional, on2xxRetransmission);
            onStarted?.Invoke(transaction);
            outcome = await transaction.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.Response is not { StatusCode: 401 or 407 } challenge)
            {
                if (credentials is not null && outcome.Response is not null)
                {
                    _session!.OnAccepted();
                }
                return outcome;
            }
            if (_session is null)
            {
                AuthFailure = FailurePhrases.Auth(challenge, null, null);
                return outcome;
            }
            var headerId = challenge.StatusCode == 401 ? HeaderId.WwwAuthenticate : HeaderId.ProxyAuthenticate;
            var answer = _session.OnChallenge(challenge.StatusCode, challenge.GetHeaderValues(headerId));
            if (!answer.ShouldRetry)
            {
                AuthFailure = FailurePhrases.Auth(challenge, answer, _user);
                return outcome;
            }
        }
        return outcome;
    }
}
