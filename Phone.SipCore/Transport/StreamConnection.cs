using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace Phone.SipCore.Transport;

/// <summary>
/// One TCP or TLS connection of a <see cref="StreamSipTransport"/>: a read loop that frames messages
/// (RFC 3261 18.3), serialized writes, and the clocks that close it when the peer misbehaves.
/// </summary>
internal sealed class StreamConnection
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();
    private static readonly byte[] Ping = "\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly StreamSipTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Never disposed: a write may still be waiting on it while the connection closes.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly ITimer _idleTimer;
    private readonly ITimer _messageTimer;
    private readonly ITimer? _keepAliveTimer;
    private readonly ITimer? _pongTimer;
    private int _awaitingPong;
    private long _lastActivity;
    private int _inMessage;
    private int _closeReason;
    private Exception? _failure;

    public StreamConnection(
        Socket socket, Stream stream, SipEndPoint remote, SipEndPoint local, bool outbound,
        StreamSipTransportOptions options, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        Remote = remote;
        Local = local;
        Outbound = outbound;
        _options = options;
        _time = time;
        _logger = logger;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _lastActivity = time.GetTimestamp();
        _idleTimer = time.CreateTimer(static s => ((StreamConnection)s!).OnIdleTimer(), this, options.IdleTimeout, Timeout.InfiniteTimeSpan);
        _messageTimer = time.CreateTimer(static s => ((StreamConnection)s!).OnMessageTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (options.KeepAlivePongTimeout is not null)
        {
            _pongTimer = time.CreateTimer(static s => ((StreamConnection)s!).OnPongTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        // RFC 5626 4.4.1: the flow's originator keeps it alive; the accepting side only answers.
        if (outbound && options.KeepAliveInterval is { } interval)
        {
            _keepAliveTimer = time.CreateTimer(static s => _ = ((StreamConnection)s!).PingAsync(), this, interval, interval);
        }
    }

    /// <summary>The peer; for an accepted connection its address and ephemeral port (RFC 3261 18.2.2).</summary>
    public SipEndPoint Remote { get; }

    public SipEndPoint Local { get; }

    public bool Outbound { get; }

    public bool IsClosed => Volatile.Read(ref _closeReason) != (int)StreamCloseReason.Open;

    /// <summary>Completes when the read loop has ended and the socket is released.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <param name="onMessage">Each whole message, in order.</param>
    /// <param name="onClosed">Once, at the end; the exception is the I/O failure that broke the connection, if any.</param>
    public void Start(Action<StreamConnection, ReadOnlyMemory<byte>> onMessage, Action<StreamConnection, Exception?> onClosed)
    {
        Completion = Task.Run(() => ReadLoopAsync(onMessage, onClosed));
    }

    /// <summary>Writes one whole message; writes never interleave. A write cut short closes the
    /// connection, since the peer could no longer find where the next message starts.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            using var timeout = new CancellationTokenSource(_options.SendTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _closed.Token);
            try
            {
                await _stream.WriteAsync(data, linked.Token).ConfigureAwait(false);
                await _stream.FlushAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Close(StreamCloseReason.SendTimeout);
                throw new IOException($"{Remote} did not take a {data.Length}-byte write within {_options.SendTimeout}; connection closed.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Close(StreamCloseReason.WriteCancelled);
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                throw Closed();
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                Close(StreamCloseReason.WriteError);
                throw;
            }
            Touch();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>RFC 5626 4.4.1: a CRLFCRLF ping; the peer answers CRLF.</summary>
    public ValueTask SendPingAsync(CancellationToken cancellationToken)
    {
        if (_pongTimer is not null && _options.KeepAlivePongTimeout is { } pongTimeout)
        {
            // Armed before the write: the pong may arrive before the write call even returns.
            Volatile.Write(ref _awaitingPong, 1);
            SetTimer(_pongTimer, pongTimeout);
        }
        return WriteAsync(Ping, cancellationToken);
    }

    /// <summary>Closes the connection; the first reason is kept. Safe from any thread, any number of times.</summary>
    public void Close(StreamCloseReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, (int)StreamCloseReason.Open) != (int)StreamCloseReason.Open)
        {
            return;
        }
        _idleTimer.Dispose();
        _messageTimer.Dispose();
        _keepAliveTimer?.Dispose();
        _pongTimer?.Dispose();
        _closed.Cancel();
        // Disposing the socket wakes any read or write still pending (including inside SslStream) and
        // sends FIN to the peer.
        _socket.Dispose();
    }

    private async Task ReadLoopAsync(Action<StreamConnection, ReadOnlyMemory<byte>> onMessage, Action<StreamConnection, Exception?> onClosed)
    {
        var framer = new StreamFramer(_reader, _options.MaxHeaderBytes, _options.MaxBodyBytes);
        var token = _closed.Token;
        try
        {
            while (true)
            {
                // Wait for the first byte of the next frame with only the idle clock running. Nothing is
                // consumed, so the framer's read below returns at once with the same bytes.
                var peek = await _reader.ReadAsync(token).ConfigureAwait(false);
                var nothingMore = peek.Buffer.IsEmpty && (peek.IsCompleted || peek.IsCanceled);
                _reader.AdvanceTo(peek.Buffer.Start);
                if (nothingMore)
                {
                    Close(StreamCloseReason.PeerClosed);
                    break;
                }
                Touch();
                Volatile.Write(ref _inMessage, 1);
                SetTimer(_messageTimer, _options.IncompleteMessageTimeout);
                var frame = await framer.ReadFrameAsync(token).ConfigureAwait(false);
                Volatile.Write(ref _inMessage, 0);
                SetTimer(_messageTimer, Timeout.InfiniteTimeSpan);
                if (frame is null)
                {
                    Close(StreamCloseReason.PeerClosed);
                    break;
                }
                Touch();
                switch (frame.Kind)
                {
                    case StreamFrameKind.Message:
                        onMessage(this, frame.Message);
                        break;
                    case StreamFrameKind.Ping:
                        // RFC 5626 3.5.1: answer a CRLFCRLF ping with one CRLF.
                        await WriteAsync(Pong, token).ConfigureAwait(false);
                        break;
                    case StreamFrameKind.Pong:
                        // The answer to our own ping, or stray CRLF that RFC 3261 7.5 says to ignore.
                        Volatile.Write(ref _awaitingPong, 0);
                        break;
                }
            }
        }
        catch (StreamFramingException ex)
        {
            // RFC 3261 18.3: after a framing error we no longer know where the next message starts.
            _logger.LogWarning("Closing {Remote}: {Error} ({Message})", Remote, ex.Error, ex.Message);
            Close(StreamCloseReason.FramingError);
        }
        catch (Exception ex) when (IsClosed && IsIoFailure(ex))
        {
            // Closed on purpose (timer, dispose, failed write); the reason is logged below.
        }
        catch (Exception ex) when (IsIoFailure(ex) && ex is not OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
            Close(StreamCloseReason.ReadError);
        }
        catch (Exception ex)
        {
            // Never let a bug in the loop leave a connection half alive.
            _logger.LogError(ex, "Read loop of {Remote} failed", Remote);
            Close(StreamCloseReason.ReadError);
        }
        finally
        {
            var reason = (StreamCloseReason)Volatile.Read(ref _closeReason);
            _logger.LogDebug("Connection {Local} <-> {Remote} closed: {Reason}", Local, Remote, reason);
            await _reader.CompleteAsync().ConfigureAwait(false);
            await DisposeStreamAsync().ConfigureAwait(false);
            onClosed(this, _failure);
        }
    }

    private async ValueTask DisposeStreamAsync()
    {
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The socket is already gone; nothing left to flush.
        }
    }

    private async Task PingAsync()
    {
        var wasOpen = !IsClosed;
        try
        {
            await SendPingAsync(_closed.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // RFC 5626 4.4.1: a failed keep-alive means the flow is gone; the layer above must hear it
            // (but not of a connection that was already closing for another reason).
            if (wasOpen && ex is not OperationCanceledException)
            {
                Interlocked.CompareExchange(ref _failure, ex, null);
            }
            Close(StreamCloseReason.WriteError);
        }
    }

    private void OnIdleTimer()
    {
        var quiet = _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));
        if (quiet >= _options.IdleTimeout)
        {
            _logger.LogInformation("Closing {Remote}: no traffic for {Quiet}", Remote, quiet);
            Close(StreamCloseReason.Idle);
            return;
        }
        // Traffic since the timer was set: look again when the rest of the idle time has passed.
        SetTimer(_idleTimer, _options.IdleTimeout - quiet);
    }

    private static void SetTimer(ITimer timer, TimeSpan due)
    {
        try
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile.
        }
    }

    private void OnPongTimer()
    {
        if (Volatile.Read(ref _awaitingPong) == 1)
        {
            // RFC 5626 4.4.1: no pong in time means the flow has failed.
            Interlocked.CompareExchange(
                ref _failure, new TimeoutException($"{Remote} did not answer a keep-alive ping within {_options.KeepAlivePongTimeout}."), null);
            _logger.LogWarning("Closing {Remote}: no pong to a keep-alive ping", Remote);
            Close(StreamCloseReason.NoPong);
        }
    }

    private void OnMessageTimer()
    {
        if (Volatile.Read(ref _inMessage) == 1)
        {
            _logger.LogWarning("Closing {Remote}: message not completed within {Timeout}", Remote, _options.IncompleteMessageTimeout);
            Close(StreamCloseReason.IncompleteMessage);
        }
    }

    private static bool IsIoFailure(Exception ex) =>
        ex is IOException or SocketException or AuthenticationException or ObjectDisposedException or OperationCanceledException;

    private void Touch() => Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw Closed();
        }
    }

    private IOException Closed() =>
        new($"The connection to {Remote} is closed ({(StreamCloseReason)Volatile.Read(ref _closeReason)}).");
}
