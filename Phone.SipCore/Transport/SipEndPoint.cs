using System.Net;

namespace Phone.SipCore.Transport;

/// <summary>An address, port and transport: where a SIP message came from or goes to.</summary>
public sealed record SipEndPoint(SipTransportKind Transport, IPEndPoint EndPoint)
{
    /// <summary>Connection-oriented transports frame by Content-Length and keep alive with CRLF.</summary>
    public bool IsStream => Transport != SipTransportKind.Udp;

    public override string ToString() => $"{Transport.ToString().ToUpperInvariant()}:{EndPoint}";
}
