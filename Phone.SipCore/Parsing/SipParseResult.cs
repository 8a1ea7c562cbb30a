using System.Diagnostics.CodeAnalysis;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Outcome of a parse: the message, or an error with a reason precise enough to put in
/// a log or a 400's Warning. Never thrown: bad input is ordinary input for a phone.
/// </summary>
public readonly struct SipParseResult
{
    private SipParseResult(SipMessage? message, SipParseError error, string reason, bool isRequest)
    {
        Message = message;
        Error = error;
        Reason = reason;
        IsRequest = isRequest;
    }

    [MemberNotNullWhen(true, nameof(Message))]
    public bool Success => Message is not null;

    public SipMessage? Message { get; }

    public SipParseError Error { get; }

    /// <summary>Empty on success.</summary>
    public string Reason { get; }

    /// <summary>True when the start line was a request line (even if the rest failed).</summary>
    public bool IsRequest { get; }

    /// <summary>
    /// What to answer a rejected message with: 505 for a bad version, 400 for other faults
    /// in a request (RFC 3261 21.4.1; 18.3 for a short body), 0 when it must be dropped
    /// (any response, 18.3; or a request too large or too truncated to answer).
    /// Answering still needs a usable Via, which the transaction layer checks.
    /// </summary>
    public int SuggestedStatusCode => Success || !IsRequest ? 0 : Error switch
    {
        SipParseError.UnsupportedVersion => 505,
        SipParseError.Empty or SipParseError.TooLarge or SipParseError.IncompleteHeaders => 0,
        _ => 400,
    };

    public SipRequest? Request => Message as SipRequest;

    public SipResponse? Response => Message as SipResponse;

    internal static SipParseResult Ok(SipMessage message) => new(message, SipParseError.None, "", message.IsRequest);

    internal static SipParseResult Fail(SipParseError error, string reason, bool isRequest) => new(null, error, reason, isRequest);

    public override string ToString() => Success ? "OK" : $"{Error}: {Reason}";
}
