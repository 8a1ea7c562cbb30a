namespace Phone.SipCore.Parsing;

/// <summary>Why a message was rejected.</summary>
public enum SipParseError
{
    None = 0,
    /// <summary>Nothing but CRLF keep-alives (RFC 5626 3.5.1); not an error to report.</summary>
    Empty,
    /// <summary>Over <see cref="SipParser.MaxMessageSize"/> bytes.</summary>
    TooLarge,
    MalformedStartLine,
    /// <summary>A SIP version other than 2.0 (RFC 3261 21.5.6: answer 505).</summary>
    UnsupportedVersion,
    InvalidRequestUri,
    InvalidStatusCode,
    /// <summary>No empty line ends the headers.</summary>
    IncompleteHeaders,
    MalformedHeader,
    MissingHeader,
    /// <summary>A header that may appear once appears again (RFC 4475 3.3.8, 3.3.9).</summary>
    DuplicateHeader,
    InvalidContentLength,
    /// <summary>Content-Length promises more bytes than the datagram holds (RFC 3261 18.3).</summary>
    ContentLengthExceedsData,
    InvalidCSeq,
    /// <summary>The CSeq method differs from the request method (RFC 3261 8.1.1.5, RFC 4475 3.1.2.17).</summary>
    CSeqMethodMismatch,
    InvalidMaxForwards,
    InvalidCallId,
    InvalidVia,
    InvalidFrom,
    InvalidTo,
    /// <summary>More than <see cref="SipParser.MaxHeaders"/> header lines: a flood, refused before it costs more.</summary>
    TooManyHeaders,
}
