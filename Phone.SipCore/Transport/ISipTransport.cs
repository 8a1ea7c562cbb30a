namespace Phone.SipCore.Transport;

/// <summary>
/// Moves whole SIP messages as bytes. Parsing, Via stamping and routing are the layers
/// above; a transport only frames, sends and receives.
/// </summary>
public interface ISipTransport : IAsyncDisposable
{
    SipTransportKind Kind { get; }

    /// <summary>The local address and port this transport is bound to.</summary>
    SipEndPoint LocalEndPoint { get; }

    /// <summary>Starts delivering received messages to <paramref name="handler"/>.</summary>
    void Start(ISipPacketHandler handler);

    /// <summary>
    /// The local end a message to <paramref name="remote"/> will leave from, for the trace. A
    /// connection-oriented transport connects here (the send then reuses the connection), so the
    /// ephemeral port of a new connection is known before the message is traced and sent.
    /// </summary>
    ValueTask<SipEndPoint> LocalEndPointTowardsAsync(SipEndPoint remote, CancellationToken cancellationToken) =>
        ValueTask.FromResult(LocalEndPoint);

    /// <summary>Sends one whole message; a failure is thrown here and also reported to the handler.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint remote, CancellationToken cancellationToken);
}
