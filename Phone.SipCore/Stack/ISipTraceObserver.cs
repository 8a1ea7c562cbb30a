using Phone.SipCore.Transport;

namespace Phone.SipCore.Stack;

/// <summary>
/// Sees every message the stack sends or receives, with the trace tag of the dialog or call
/// it belongs to (null when none claims it). Called on the receive and send paths: it must not wait.
/// </summary>
public interface ISipTraceObserver
{
    /// <param name="remote">The peer's address, port and transport.</param>
    /// <param name="local">Our address and port the message used: the connection's own end for
    /// TCP/TLS, the bound port and the interface that reaches the peer for UDP. A capture needs both.</param>
    /// <param name="message">Received (<see cref="SipTraceDirection.In"/>): the bytes as they arrived,
    /// in an array of their own that the stack never writes again (every transport copies each
    /// datagram or framed message out of its socket buffer), so an observer may keep them as they
    /// are. Sent: the sender's buffer, lent for this call only; keep a copy.</param>
    void Traced(SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> message, object? traceTag);
}
