namespace Phone.SipCore.Transport;

/// <summary>What a <see cref="StreamFramer"/> found on the stream.</summary>
public enum StreamFrameKind
{
    /// <summary>One whole SIP message: headers and exactly Content-Length bytes of body.</summary>
    Message,

    /// <summary>A double CRLF keep-alive ping; RFC 5626 3.5.1: answer it with a single CRLF.</summary>
    Ping,

    /// <summary>A single CRLF: the pong to our own ping (RFC 5626 3.5.1), or stray CRLF before a
    /// start line that RFC 3261 7.5 says to ignore. Needs no answer.</summary>
    Pong,
}
