namespace Phone.SipCore.Transport;

/// <summary>
/// What a transport tells the layer above. Calls for one transport arrive one at a time;
/// a handler must not block (queue the work instead).
/// </summary>
public interface ISipPacketHandler
{
    void OnPacket(ReceivedPacket packet);

    /// <summary>A send or a connection failed (RFC 3261 18.4: reported to the transaction).</summary>
    void OnTransportError(SipEndPoint remote, Exception error);
}
