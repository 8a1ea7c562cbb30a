namespace Phone.SipCore.Diagnostics;

/// <summary>Why the stack refused a request before its owner saw it, for <see cref="SipMetrics.RequestRefused"/>.</summary>
public enum RefusalReason
{
    /// <summary>The owner's trust policy refused the source (403).</summary>
    Untrusted,

    /// <summary>The owner's queue was full (503 with Retry-After).</summary>
    Busy,
}
