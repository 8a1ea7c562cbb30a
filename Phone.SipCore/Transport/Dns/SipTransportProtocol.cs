namespace Phone.SipCore.Transport.Dns;

/// <summary>The transport a SIP target is reached over (RFC 3261 18, RFC 3263 4.1).</summary>
public enum SipTransportProtocol
{
    Udp,
    Tcp,

    /// <summary>TLS over TCP; the SRV service is _sips._tcp and the default port 5061.</summary>
    Tls,
}
