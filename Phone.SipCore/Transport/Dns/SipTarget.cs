using System.Net;

namespace Phone.SipCore.Transport.Dns;

/// <summary>One place to send a request: an address, a port and a transport (RFC 3263 4).</summary>
/// <param name="HostName">The name whose A/AAAA record gave the address (the SRV target, or the
/// host itself); the address as text for numeric hosts. For logs; TLS verifies the request's
/// domain, not this name (RFC 5922 4.1).</param>
public sealed record SipTarget(IPEndPoint EndPoint, SipTransportKind Transport, string HostName)
{
    public override string ToString() => $"{Transport.ToString().ToUpperInvariant()} {EndPoint} ({HostName})";
}
