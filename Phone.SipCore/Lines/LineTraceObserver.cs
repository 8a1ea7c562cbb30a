using Phone.SipCore.Stack;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Lines;

/// <summary>
/// Puts the stack's message trace into the lines' event sink: line agents tag their dialogs
/// and calls with their line number, which is all the stack knows of them.
/// </summary>
public sealed class LineTraceObserver(ILineEventSink events) : ISipTraceObserver
{
    public void Traced(SipTraceDirection direction, SipEndPoint remote, SipEndPoint local, ReadOnlyMemory<byte> message, object? traceTag) =>
        events.SipTrace(traceTag as int?, direction, remote, local, message);
}
