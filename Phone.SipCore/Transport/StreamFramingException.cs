namespace Phone.SipCore.Transport;

/// <summary>The stream broke framing; the caller closes the connection.</summary>
public sealed class StreamFramingException : Exception
{
    public StreamFramingException(StreamFramingError error, string message)
        : base(message)
    {
        Error = error;
    }

    public StreamFramingError Error { get; }
}
