namespace Phone.SipCore.Transport.Dns;

/// <summary>A SIP host could not be turned into targets; the message names the host and why.</summary>
public sealed class SipResolutionException : Exception
{
    public SipResolutionException(string host, SipResolutionFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Host = host;
        Failure = failure;
    }

    public string Host { get; }

    public SipResolutionFailure Failure { get; }

    /// <summary>What the DNS said of a <see cref="SipResolutionFailure.DnsError"/> ("ServerFailure", the client's error), shown as it is.</summary>
    public string? Detail { get; init; }
}
