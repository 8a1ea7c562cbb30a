namespace Phone.SipCore.Transport;

/// <summary>Why a stream could not be framed. Every one of them ends the connection: after a framing
/// error the receiver no longer knows where the next message starts (RFC 3261 18.3).</summary>
public enum StreamFramingError
{
    /// <summary>RFC 3261 18.3 / 20.14: Content-Length is mandatory on stream transports.</summary>
    MissingContentLength,

    /// <summary>Not a decimal number, or two Content-Length headers that disagree.</summary>
    InvalidContentLength,

    /// <summary>No end of headers within the header limit.</summary>
    HeadersTooLarge,

    /// <summary>Content-Length above the body limit.</summary>
    BodyTooLarge,

    /// <summary>The peer closed the stream in the middle of a message.</summary>
    Truncated,
}
