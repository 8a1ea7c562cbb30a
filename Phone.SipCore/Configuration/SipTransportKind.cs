namespace Phone.SipCore.Configuration;

/// <summary>The transport a line registers over.</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    Tls,
}
