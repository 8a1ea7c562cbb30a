namespace Phone.SipCore.Transport;

/// <summary>The transports of RFC 3261 section 18 that a line may use.</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    Tls,
}
