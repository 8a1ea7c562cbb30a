using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Phone.SipCore.Transport;

/// <summary>
/// SIP over TCP or TLS (RFC 3261 18.1.2 / 18.2.2 / 26.2), IPv4 and IPv6. Outbound connections open on
/// the first send to a remote and are reused for later sends; inbound connections, accepted on an
/// optional listener, are registered under the peer's address and port so that responses go back over
/// the connection the request came on (RFC 3261 18.2.2). Each connection frames by Content-Length,
/// answers keep-alive pings (RFC 5626 3.5.1), and is closed when idle, when a message stalls, or when
/// framing fails; the number of connections is capped.
/// </summary>
public sealed class StreamSipTransport : ISipTransport
{
    private readonly TcpListener? _listener;
    private readonly StreamSipTransportOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly StreamConnectionOpener _opener;
    private readonly StreamConnectionLimit _limit;
    private readonly CancellationTokenSource _stop = new();
    // The connection used to reach a remote: the newest one registered under its endpoint.
    private readonly ConcurrentDictionary<SipEndPoint, StreamConnection> _byRemote = new();
    private readonly ConcurrentDictionary<StreamConnection, byte> _all = new();
    // One connect in flight per remote; concurrent senders share it.
    private readonly ConcurrentDictionary<SipEndPoint, Task<StreamConnection>> _connecting = new();
    // Connects and inbound handshakes still running; DisposeAsync waits for them.
    private readonly ConcurrentDictionary<Task, byte> _inflight = new();
    // ISipPacketHandler: calls for one transport arrive one at a time, whichever connection they come from.
    private readonly Lock _handlerGate = new();
    private ISipPacketHandler? _handler;
    private Task? _acceptLoop;
    private int _disposed;

    /// <param name="kind"><see cref="SipTransportKind.Tcp"/> or <see cref="SipTransportKind.Tls"/>.</param>
    /// <param name="listener">Where to accept connections, or null for a client-only transport. The
    /// caller owns it (see <see cref="SipListener"/>); it is started here if it is not yet.</param>
    public StreamSipTransport(
        SipTransportKind kind,
        TcpListener? listener,
        StreamSipTransportOptions options,
        ILogger logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (kind == SipTransportKind.Udp)
        {
            throw new ArgumentException("A stream transport carries TCP or TLS, not UDP.", nameof(kind));
        }
        options.Validate();
        if (kind == SipTransportKind.Tls && listener is not null && options.ServerCertificate is null)
        {
            throw new ArgumentException(
                $"Accepting TLS needs {nameof(StreamSipTransportOptions.ServerCertificate)}.", nameof(options));
        }
        Kind = kind;
        _listener = listener;
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _opener = new StreamConnectionOpener(kind, options, _time, logger);
        _limit = new StreamConnectionLimit(options.MaxConnections, kind, _time, logger);
        if (listener is not null)
        {
            if (!listener.Server.IsBound)
            {
                listener.Start();
            }
            LocalEndPoint = new SipEndPoint(kind, Normalize((IPEndPoint)listener.LocalEndpoint));
        }
        else
        {
            LocalEndPoint = new SipEndPoint(kind, new IPEndPoint(IPAddress.IPv6Any, 0));
        }
    }

    public SipTransportKind Kind { get; }

    /// <summary>The listening address and port; [::]:0 for a client-only transport.</summary>
    public SipEndPoint LocalEndPoint { get; }

    /// <summary>Open connections, inbound and outbound.</summary>
    public int ConnectionCount => _all.Count;

    public void Start(ISipPacketHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.CompareExchange(ref _handler, handler, null) is not null)
        {
            throw new InvalidOperationException($"The {Kind} transport has already started.");
        }
        if (_listener is not null)
        {
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint remote, CancellationToken cancellationToken) =>
        SendAsync(message, remote, targetHost: null, cancellationToken);

    /// <summary>
    /// Sends one whole message, connecting first if there is no connection to <paramref name="remote"/>.
    /// <paramref name="targetHost"/> is the name a new TLS connection checks the certificate against
    /// and sends as SNI (RFC 5922 7); ignored for TCP and for an existing connection.
    /// </summary>
    public async ValueTask SendAsync(
        ReadOnlyMemory<byte> message, SipEndPoint remote, string? targetHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        remote = Key(remote);
        try
        {
            var connection = await GetOrConnectAsync(remote, targetHost, cancellationToken).ConfigureAwait(false);
            await connection.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSendFailure(ex, cancellationToken))
        {
            // RFC 3261 18.4: the transaction layer hears of the failure as well as the caller.
            ReportError(remote, ex);
            throw;
        }
    }

    /// <summary>The connection's own end towards <paramref name="remote"/>, connecting first if there is none.</summary>
    public async ValueTask<SipEndPoint> LocalEndPointTowardsAsync(SipEndPoint remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        remote = Key(remote);
        try
        {
            var connection = await GetOrConnectAsync(remote, targetHost: null, cancellationToken).ConfigureAwait(false);
            return connection.Local;
        }
        catch (Exception ex) when (IsSendFailure(ex, cancellationToken))
        {
            // As SendAsync would have: the connect failed on the way to a send.
            ReportError(remote, ex);
            throw;
        }
    }

    /// <summary>
    /// Sends a CRLFCRLF keep-alive ping (RFC 5626 4.4.1) on the existing connection to
    /// <paramref name="remote"/>; the peer's CRLF pong counts as traffic. Fails if there is no connection.
    /// </summary>
    public async ValueTask SendKeepAliveAsync(SipEndPoint remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        remote = Key(remote);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (!_byRemote.TryGetValue(remote, out var connection) || connection.IsClosed)
            {
                throw new IOException($"No open connection to {remote} to keep alive.");
            }
            await connection.SendPingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSendFailure(ex, cancellationToken))
        {
            ReportError(remote, ex);
            throw;
        }
    }

    private async Task<StreamConnection> GetOrConnectAsync(SipEndPoint remote, string? targetHost, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_handler is null)
        {
            throw new InvalidOperationException($"Start the {Kind} transport before sending.");
        }
        if (_byRemote.TryGetValue(remote, out var existing) && !existing.IsClosed)
        {
            return existing;
        }
        var mine = new TaskCompletionSource<StreamConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = _connecting.GetOrAdd(remote, mine.Task);
        if (pending == mine.Task)
        {
            Track(RunConnectAsync(remote, targetHost, mine));
        }
        // The connect belongs to the transport, not to this caller: cancelling one send leaves it running.
        return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunConnectAsync(SipEndPoint remote, string? targetHost, TaskCompletionSource<StreamConnection> result)
    {
        try
        {
            result.TrySetResult(await ConnectAsync(remote, targetHost).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            result.TrySetException(ex);
            // Every waiter may have given up; the failure is theirs to see, not the finalizer's.
            _ = result.Task.Exception;
        }
        finally
        {
            _connecting.TryRemove(KeyValuePair.Create(remote, result.Task));
        }
    }

    private async Task<StreamConnection> ConnectAsync(SipEndPoint remote, string? targetHost)
    {
        if (!_limit.TryReserve())
        {
            throw new IOException($"Cannot connect to {remote}: the limit of {_options.MaxConnections} connections is reached.");
        }
        try
        {
            var (socket, stream) = await _opener.ConnectAsync(remote, targetHost, _stop.Token).ConfigureAwait(false);
            var connection = Register(socket, stream, remote, outbound: true);
            _logger.LogDebug("Connected to {Remote} from {Local}", remote, connection.Local);
            return connection;
        }
        catch
        {
            _limit.Release();
            throw;
        }
    }

    private async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // Disposed, or the owner stopped the listener.
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                // The peer gave up before we accepted: nothing to do.
                continue;
            }
            catch (SocketException ex)
            {
                // Out of descriptors or similar: back off a little rather than spin on the error.
                _logger.LogError(ex, "Accepting {Kind} connections on {Local} failed", Kind, LocalEndPoint);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _time, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            if (!_limit.TryReserve())
            {
                _limit.LogRefusal(socket.RemoteEndPoint);
                socket.Dispose();
                continue;
            }
            Track(AcceptConnectionAsync(socket));
        }
    }

    private async Task AcceptConnectionAsync(Socket socket)
    {
        SipEndPoint? remote = null;
        try
        {
            remote = new SipEndPoint(Kind, Normalize((IPEndPoint)socket.RemoteEndPoint!));
            var stream = await _opener.AcceptAsync(socket, _stop.Token).ConfigureAwait(false);
            Register(socket, stream, remote, outbound: false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            socket.Dispose();
            _limit.Release();
            if (!_stop.IsCancellationRequested)
            {
                _logger.LogWarning("Dropped an inbound {Kind} connection from {Remote}: {Error}", Kind, remote, ex.Message);
            }
        }
    }

    private StreamConnection Register(Socket socket, Stream stream, SipEndPoint remote, bool outbound)
    {
        var local = new SipEndPoint(Kind, Normalize((IPEndPoint)socket.LocalEndPoint!));
        var connection = new StreamConnection(socket, stream, remote, local, outbound, _options, _time, _logger);
        _all.TryAdd(connection, 0);
        // RFC 3261 18.2.2: the newest connection from a peer is the one its responses go back over.
        _byRemote[remote] = connection;
        connection.Start(OnMessage, OnClosed);
        if (_stop.IsCancellationRequested)
        {
            // DisposeAsync may already have looked at the connections: close this late one itself.
            connection.Close(StreamCloseReason.Disposed);
        }
        return connection;
    }

    private void OnMessage(StreamConnection connection, ReadOnlyMemory<byte> message)
    {
        lock (_handlerGate)
        {
            try
            {
                _handler!.OnPacket(new ReceivedPacket(message, connection.Remote, connection.Local));
            }
            catch (Exception ex)
            {
                // One bad message must never stop the phone from receiving the next.
                _logger.LogError(ex, "Handler failed on a message from {Remote}", connection.Remote);
            }
        }
    }

    private void OnClosed(StreamConnection connection, Exception? failure)
    {
        _all.TryRemove(connection, out _);
        _byRemote.TryRemove(KeyValuePair.Create(connection.Remote, connection));
        _limit.Release();
        if (failure is not null && !_stop.IsCancellationRequested)
        {
            // A flow that breaks is a transport error for whoever used it (RFC 5626 4.4.1).
            ReportError(connection.Remote, failure);
        }
    }

    private void ReportError(SipEndPoint remote, Exception error)
    {
        _logger.LogWarning("{Kind} transport error with {Remote}: {Error}", Kind, remote, error.Message);
        lock (_handlerGate)
        {
            try
            {
                _handler?.OnTransportError(remote, error);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Handler failed on a transport error for {Remote}", remote);
            }
        }
    }

    private void Track(Task task)
    {
        _inflight.TryAdd(task, 0);
        _ = task.ContinueWith(done => _inflight.TryRemove(done, out _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private SipEndPoint Key(SipEndPoint remote)
    {
        if (remote.Transport != Kind)
        {
            throw new ArgumentException($"{remote} cannot be reached over {Kind}.", nameof(remote));
        }
        var normalized = Normalize(remote.EndPoint);
        return ReferenceEquals(normalized, remote.EndPoint) ? remote : remote with { EndPoint = normalized };
    }

    // A dual-mode listener sees IPv4 peers as ::ffff:a.b.c.d; one peer must have one key.
    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    private static bool IsSendFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not (OperationCanceledException or ObjectDisposedException or InvalidOperationException or ArgumentException)
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        // Connects and handshakes end on _stop and register (or drop) their connection before completing.
        await Task.WhenAll(_inflight.Keys).ConfigureAwait(false);
        var connections = _all.Keys.ToArray();
        foreach (var connection in connections)
        {
            connection.Close(StreamCloseReason.Disposed);
        }
        await Task.WhenAll(connections.Select(c => c.Completion)).ConfigureAwait(false);
        _stop.Dispose();
    }
}
