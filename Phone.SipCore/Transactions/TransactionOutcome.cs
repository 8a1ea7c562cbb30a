using Phone.SipCore.Messages;

namespace Phone.SipCore.Transactions;

/// <summary>How a client transaction ended: with a final response, or with a failure.</summary>
public sealed record TransactionOutcome(SipResponse? Response, TransactionFailure Failure, string? Detail = null)
{
    public static TransactionOutcome Final(SipResponse response) => new(response, TransactionFailure.None);

    /// <summary>A timeout's wait (64*T1, RFC 3261 17.1.1.2, 17.1.2.2), so people can be told it in their language.</summary>
    public TimeSpan? TimedOutAfter { get; init; }

    public bool IsSuccess => Response is { StatusCode: >= 200 and < 300 };

    /// <summary>"200 OK", "timeout (no final response in 32 s)", ... for the process log (Usages.FailurePhrases words it for people).</summary>
    public string Describe() => Response is { } r
        ? StatusLine(r)
        : $"{Failure.ToString().ToLowerInvariant()}{(Detail is null ? "" : $" ({Detail})")}";

    /// <summary>"403 Forbidden": a response's status code and reason phrase as the peer sent them (RFC 3261 7.2).</summary>
    public static string StatusLine(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return $"{response.StatusCode} {response.ReasonPhrase}";
    }
}
