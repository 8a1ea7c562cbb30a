namespace Phone.SipCore.Transport.Dns;

/// <summary>Why a SIP host could not be resolved.</summary>
public enum SipResolutionFailure
{
    /// <summary>NXDOMAIN: the name does not exist.</summary>
    NoSuchDomain,

    /// <summary>The name exists but has no usable A/AAAA (or its SRV targets have none).</summary>
    NoAddresses,

    /// <summary>A lone SRV record with target "." says the service is not offered (RFC 2782).</summary>
    ServiceNotAvailable,

    /// <summary>The DNS server failed, refused, or did not answer in time.</summary>
    DnsError,

    /// <summary>The host or port is not valid.</summary>
    InvalidHost,
}
