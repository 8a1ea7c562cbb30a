using System.Net;

namespace Phone.SipCore.Transport;

/// <summary>An address, port and transport: where a SIP message came from or goes to.</summary>
public sealed record SipEndPoint(SipTransportKind Transport, IPEndPoint EndPoint)
{
    // The text is asked for by every trace row (both ends of every message); the UDP reader
    // hands out one instance per peer, so it is built once per peer, not per message.
    private string? _text;
    private string? _addressText;

    /// <summary>Connection-oriented transports frame by Content-Length and keep alive with CRLF.</summary>
    public bool IsStream => Transport != SipTransportKind.Udp;

    public override string ToString() => _text ??= $"{Transport.ToString().ToUpperInvariant()}:{EndPoint}";

    /// <summary>The address alone as text (IPv6 without brackets), built once per instance: the
    /// receive path compares it with every request's top Via (<c>ViaStamper</c>).</summary>
    public string AddressText => _addressText ??= EndPoint.Address.ToString();

    // A copy (`with`) starts without the text: it may change the transport or the address.
    private SipEndPoint(SipEndPoint original)
    {
        Transport = original.Transport;
        EndPoint = original.EndPoint;
    }

    // Written out so the cached text is not part of equality (a record compares every field).
    public bool Equals(SipEndPoint? other) =>
        ReferenceEquals(this, other) || (other is not null && Transport == other.Transport && EndPoint.Equals(other.EndPoint));

    public override int GetHashCode() => HashCode.Combine(Transport, EndPoint);
}
