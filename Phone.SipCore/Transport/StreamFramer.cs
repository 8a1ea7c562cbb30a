using System.Buffers;
using System.IO.Pipelines;

namespace Phone.SipCore.Transport;

/// <summary>
/// Cuts SIP messages out of a TCP or TLS byte stream (RFC 3261 18.3): headers end at the first
/// CRLFCRLF, then exactly Content-Length bytes of body follow. CRLF keep-alives between messages
/// are surfaced as <see cref="StreamFrameKind.Ping"/> / <see cref="StreamFrameKind.Pong"/>
/// (RFC 5626 3.5.1). Never holds more than the header limit plus the body limit: anything larger
/// is a <see cref="StreamFramingException"/>, and the caller closes the connection.
/// One reader per connection; not thread-safe.
/// </summary>
public sealed class StreamFramer
{
    /// <summary>Default cap on the start line plus headers plus the blank line.</summary>
    public const int DefaultMaxHeaderBytes = 64 * 1024;

    /// <summary>Default cap on Content-Length.</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    private readonly PipeReader _reader;
    private readonly int _maxHeaderBytes;
    private readonly int _maxBodyBytes;

    // Bytes of the current message's header section already searched for CRLFCRLF, so a message
    // fed one byte per read is scanned once overall rather than once per byte.
    private long _scanned;
    // Header length (with CRLFCRLF) and body length once the header section is complete.
    private long _headerLength = -1;
    private long _bodyLength;
    // A lone CRLF was reported as a pong; if another CRLF follows, the two were a split ping.
    private bool _afterLoneCrlf;
    private bool _faulted;

    public StreamFramer(PipeReader reader, int maxHeaderBytes = DefaultMaxHeaderBytes, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeaderBytes, 4);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBodyBytes);
        _reader = reader;
        _maxHeaderBytes = maxHeaderBytes;
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>
    /// Options for a <see cref="Pipe"/> that feeds a framer: the writer must not pause before one
    /// whole message fits, or writer and framer would wait on each other forever.
    /// </summary>
    public static PipeOptions CreatePipeOptions(int maxHeaderBytes = DefaultMaxHeaderBytes, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        long pause = (long)maxHeaderBytes + maxBodyBytes + 1;
        return new PipeOptions(pauseWriterThreshold: pause * 2, resumeWriterThreshold: pause, useSynchronizationContext: false);
    }

    /// <summary>
    /// Reads the next frame. Returns null when the peer closed the stream cleanly between messages.
    /// </summary>
    /// <exception cref="StreamFramingException">The stream cannot be framed; close the connection.</exception>
    public async ValueTask<StreamFrame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        if (_faulted)
        {
            throw new InvalidOperationException("The stream already failed framing; the connection must be closed.");
        }
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            StreamFrame? frame;
            SequencePosition consumed;
            try
            {
                frame = TryReadFrame(buffer, out consumed);
            }
            catch (StreamFramingException)
            {
                _faulted = true;
                _reader.AdvanceTo(buffer.End);
                throw;
            }
            if (frame is not null)
            {
                _reader.AdvanceTo(consumed);
                return frame;
            }
            if (result.IsCompleted)
            {
                // Look before advancing: the buffer is not ours to read after AdvanceTo.
                var clean = IsOnlyLineBreaks(buffer);
                var leftover = buffer.Length;
                _reader.AdvanceTo(buffer.End);
                if (clean)
                {
                    return null;
                }
                _faulted = true;
                throw new StreamFramingException(
                    StreamFramingError.Truncated,
                    $"The peer closed the stream with {leftover} bytes of an unfinished message.");
            }
            if (result.IsCanceled)
            {
                _reader.AdvanceTo(consumed, buffer.End);
                throw new OperationCanceledException("The read was cancelled.");
            }
            // Nothing whole yet: keep the bytes, but wait for more before looking again.
            _reader.AdvanceTo(consumed, buffer.End);
        }
    }

    /// <summary>Reads frames until the peer closes the stream.</summary>
    public async IAsyncEnumerable<StreamFrame> ReadAllAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadFrameAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            yield return frame;
        }
    }

    /// <summary>
    /// The synchronous core: one frame from the front of <paramref name="buffer"/>, or null when more
    /// bytes are needed. <paramref name="consumed"/> is where the next call's buffer must start.
    /// </summary>
    internal StreamFrame? TryReadFrame(ReadOnlySequence<byte> buffer, out SequencePosition consumed)
    {
        consumed = buffer.Start;
        if (buffer.IsEmpty)
        {
            return null;
        }
        if (_headerLength < 0 && _scanned == 0)
        {
            var keepAlive = TryReadKeepAlive(buffer, out var keepAliveLength, out var needMore);
            if (keepAlive is not null)
            {
                consumed = buffer.GetPosition(keepAliveLength);
                return keepAlive;
            }
            if (needMore)
            {
                return null;
            }
            _afterLoneCrlf = false;
        }
        if (_headerLength < 0 && !TryFindEndOfHeaders(buffer))
        {
            return null;
        }
        var total = _headerLength + _bodyLength;
        if (buffer.Length < total)
        {
            return null;
        }
        var message = buffer.Slice(0, total).ToArray();
        consumed = buffer.GetPosition(total);
        _headerLength = -1;
        _bodyLength = 0;
        _scanned = 0;
        return new StreamFrame(StreamFrameKind.Message, message);
    }

    // RFC 5626 3.5.1: CRLFCRLF is a ping, CRLF a pong. A lone CRLF is reported at once so a pong is
    // never held back waiting for bytes that may not come; if a second CRLF follows, it completes
    // a ping that arrived split.
    private StreamFrame? TryReadKeepAlive(ReadOnlySequence<byte> buffer, out int length, out bool needMore)
    {
        length = 0;
        needMore = false;
        Span<byte> head = stackalloc byte[4];
        var available = (int)Math.Min(buffer.Length, 4);
        buffer.Slice(0, available).CopyTo(head);
        head = head[..available];

        if (head[0] != '\r')
        {
            return null;
        }
        if (head.Length < 2)
        {
            needMore = true;
            return null;
        }
        if (head[1] != '\n')
        {
            return null;
        }
        if (_afterLoneCrlf)
        {
            _afterLoneCrlf = false;
            length = 2;
            return StreamFrame.Ping;
        }
        if (head.SequenceEqual("\r\n\r\n"u8))
        {
            length = 4;
            return StreamFrame.Ping;
        }
        if (head.Length == 3 && head[2] == '\r')
        {
            // CRLF CR: either a ping still arriving or a pong then a stray CR; wait one more byte.
            needMore = true;
            return null;
        }
        _afterLoneCrlf = head.Length == 2;
        length = 2;
        return StreamFrame.Pong;
    }

    private bool TryFindEndOfHeaders(ReadOnlySequence<byte> buffer)
    {
        // Resume three bytes back: the terminator may straddle the previous search's end.
        var start = Math.Max(0, _scanned - 3);
        var reader = new SequenceReader<byte>(buffer.Slice(start));
        if (!reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8, advancePastDelimiter: true))
        {
            _scanned = buffer.Length;
            if (buffer.Length > _maxHeaderBytes)
            {
                throw new StreamFramingException(
                    StreamFramingError.HeadersTooLarge,
                    $"No end of headers within {_maxHeaderBytes} bytes.");
            }
            return false;
        }
        var headerLength = start + reader.Consumed;
        if (headerLength > _maxHeaderBytes)
        {
            throw new StreamFramingException(
                StreamFramingError.HeadersTooLarge,
                $"Headers of {headerLength} bytes exceed the limit of {_maxHeaderBytes}.");
        }
        var headers = buffer.Slice(0, headerLength);
        var contentLength = headers.IsSingleSegment
            ? ContentLengthReader.Read(headers.FirstSpan)
            : ContentLengthReader.Read(headers.ToArray());
        if (contentLength is null)
        {
            // RFC 3261 18.3: on a stream the body length is only knowable from Content-Length.
            throw new StreamFramingException(
                StreamFramingError.MissingContentLength,
                "A message on a stream transport has no Content-Length.");
        }
        if (contentLength > _maxBodyBytes)
        {
            throw new StreamFramingException(
                StreamFramingError.BodyTooLarge,
                $"Content-Length {contentLength} exceeds the limit of {_maxBodyBytes}.");
        }
        _headerLength = headerLength;
        _bodyLength = contentLength.Value;
        return true;
    }

    private static bool IsOnlyLineBreaks(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            if (segment.Span.IndexOfAnyExcept("\r\n"u8) >= 0)
            {
                return false;
            }
        }
        return true;
    }
}
