using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>Sends a serialized message over the transport named by the destination.</summary>
public interface ISipMessageSender
{
    ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken);
}
