namespace Phone.SipCore.Parsing;

/// <summary>What <see cref="SipFraming.FindMessage"/> found at the start of a stream buffer.</summary>
public enum SipFramingStatus
{
    /// <summary>A whole message (with any leading keep-alive CRLFs) is in the buffer.</summary>
    Complete,
    /// <summary>More bytes are needed.</summary>
    Incomplete,
    /// <summary>The stream cannot be framed (bad Content-Length, or over 64 KiB): close the connection (RFC 3261 18.3).</summary>
    Invalid,
}
