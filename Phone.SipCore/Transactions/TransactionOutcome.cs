using Phone.SipCore.Messages;

namespace Phone.SipCore.Transactions;

/// <summary>How a client transaction ended: with a final response, or with a failure.</summary>
public sealed record TransactionOutcome(SipResponse? Response, TransactionFailure Failure, string? Detail = null)
{
    public static TransactionOutcome Final(SipResponse response) => new(response, TransactionFailure.None);

    public bool IsSuccess => Response is { StatusCode: >= 200 and < 300 };

    /// <summary>"200 OK", "timeout (no final response in 32 s)", ... for logs and the UI.</summary>
    public string Describe() => Response is { } r
        ? $"{r.StatusCode} {r.ReasonPhrase}"
        : $"{Failure.ToString().ToLowerInvariant()}{(Detail is null ? "" : $" ({Detail})")}";
}
