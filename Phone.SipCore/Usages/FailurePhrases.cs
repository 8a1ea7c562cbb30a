using Phone.SipCore.Auth;
using Phone.SipCore.Messages;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport.Dns;

namespace Phone.SipCore.Usages;

/// <summary>
/// Why a request of a usage failed, as <see cref="StatusPhrase"/>s for people (worded by Phone.Web
/// in the viewer's language). What the peer said (a status line) or a socket or DNS error stays as
/// it was written; the explanation around it is the phrase. The process log keeps
/// <see cref="TransactionOutcome.Describe"/> and exception messages.
/// </summary>
public static class FailurePhrases
{
    /// <summary>
    /// How a transaction ended, as it travels in a detail field: the status line of a response, or
    /// an encoded phrase for a timeout, a transport error or a shutdown.
    /// </summary>
    public static string Outcome(TransactionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Response is { } response)
        {
            return TransactionOutcome.StatusLine(response);
        }
        return outcome.Failure switch
        {
            TransactionFailure.Timeout => StatusPhrase.Detail(StatusPhraseCode.NoFinalResponse,
                SyncLogArg.Text((long)Math.Round((outcome.TimedOutAfter ?? TimeSpan.Zero).TotalSeconds))),
            TransactionFailure.Cancelled => StatusPhrase.Detail(StatusPhraseCode.TransactionCancelled),
            _ => StatusPhrase.Detail(StatusPhraseCode.TransportFailed, SyncLogArg.Detail(outcome.Detail)),
        };
    }

    /// <summary>
    /// A final failure response as a detail: the status line, or the reason its challenge could not
    /// be answered (<see cref="AuthenticatingSender.AuthFailure"/>, which starts with the same status line).
    /// </summary>
    public static string Response(SipResponse response, StatusPhrase? authFailure) =>
        authFailure is not null && response.StatusCode is 401 or 407
            ? authFailure.Encode()
            : TransactionOutcome.StatusLine(response);

    /// <summary>Why a 401/407 could not be answered; <paramref name="challenge"/>'s status line comes first.</summary>
    public static StatusPhrase Auth(SipResponse challenge, DigestChallengeResult? result, string? user)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var status = SyncLogArg.Text(TransactionOutcome.StatusLine(challenge));
        return result switch
        {
            null => StatusPhrase.Of(StatusPhraseCode.AuthNoCredentials, status),
            { Outcome: DigestChallengeOutcome.CredentialsRejected, Challenge: { Stale: true } stale } =>
                StatusPhrase.Of(StatusPhraseCode.AuthStaleNonce, status, SyncLogArg.Text(stale.Realm)),
            { Outcome: DigestChallengeOutcome.CredentialsRejected } =>
                StatusPhrase.Of(StatusPhraseCode.AuthCredentialsRejected, status, SyncLogArg.Text(user), SyncLogArg.Text(result.Challenge?.Realm)),
            _ => StatusPhrase.Of(StatusPhraseCode.AuthChallengeUnusable, status, SyncLogArg.Detail(result.Reason)),
        };
    }

    /// <summary>Why a host did not resolve (RFC 3263); the DNS server's own error stays as it said it.</summary>
    public static StatusPhrase Resolution(SipResolutionException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var host = SyncLogArg.Text(failure.Host);
        return failure.Failure switch
        {
            SipResolutionFailure.NoSuchDomain => StatusPhrase.Of(StatusPhraseCode.DnsNoSuchDomain, host),
            SipResolutionFailure.NoAddresses => StatusPhrase.Of(StatusPhraseCode.DnsNoAddresses, host),
            SipResolutionFailure.ServiceNotAvailable => StatusPhrase.Of(StatusPhraseCode.DnsServiceNotOffered, host),
            SipResolutionFailure.DnsError => StatusPhrase.Of(StatusPhraseCode.DnsQueryFailed, host, SyncLogArg.Detail(failure.Detail)),
            _ => StatusPhrase.Of(StatusPhraseCode.InvalidHost, host),
        };
    }

    /// <summary>Anything the phone did not expect, by its type and message (as the runtime wrote them).</summary>
    public static string Unexpected(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return StatusPhrase.Detail(StatusPhraseCode.UnexpectedError, SyncLogArg.Detail($"{error.GetType().Name}: {error.Message}"));
    }
}
