namespace Phone.SipCore.Transport;

/// <summary>One unit read from a SIP stream: a whole message, or a keep-alive.</summary>
/// <param name="Message">The message bytes (start line, headers, body); empty for keep-alives.
/// The framer hands over its own copy, so it stays valid after the next read.</param>
public sealed record StreamFrame(StreamFrameKind Kind, ReadOnlyMemory<byte> Message)
{
    public static readonly StreamFrame Ping = new(StreamFrameKind.Ping, ReadOnlyMemory<byte>.Empty);
    public static readonly StreamFrame Pong = new(StreamFrameKind.Pong, ReadOnlyMemory<byte>.Empty);
}
