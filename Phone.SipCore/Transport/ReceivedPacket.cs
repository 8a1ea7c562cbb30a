namespace Phone.SipCore.Transport;

/// <summary>
/// One whole SIP message as it arrived: a datagram, or one framed message from a stream.
/// <see cref="Data"/> is owned by the receiver from here on.
/// </summary>
public readonly record struct ReceivedPacket(ReadOnlyMemory<byte> Data, SipEndPoint Remote, SipEndPoint Local);
