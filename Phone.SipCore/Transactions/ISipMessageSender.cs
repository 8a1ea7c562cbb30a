using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>Sends a serialized message over the transport named by the destination.</summary>
public interface ISipMessageSender
{
    ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken);

    /// <summary>
    /// The same, for a message whose Call-ID the caller already has (a transaction's): the stack
    /// tags the trace with it instead of parsing the bytes it just built again.
    /// </summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, string callId, SipEndPoint destination, CancellationToken cancellationToken) =>
        SendAsync(message, destination, cancellationToken);
}
