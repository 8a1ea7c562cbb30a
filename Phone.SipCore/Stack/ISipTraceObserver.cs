using Phone.SipCore.Transport;

namespace Phone.SipCore.Stack;

/// <summary>
/// Sees every message the stack sends or receives, with the trace tag of the dialog or call
/// it belongs to (null when none claims it). Called on the receive and send paths: it must not wait.
/// </summary>
public interface ISipTraceObserver
{
    void Traced(SipTraceDirection direction, SipEndPoint remote, ReadOnlyMemory<byte> message, object? traceTag);
}
