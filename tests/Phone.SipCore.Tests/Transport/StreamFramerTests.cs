using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transport;

public sealed class StreamFramerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static string Message(string branch, string body, string lengthHeader = "Content-Length") =>
        "OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bK{branch}\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        $"{lengthHeader}: {Encoding.UTF8.GetByteCount(body)}\r\n" +
        "\r\n" + body;

    private static readonly string M1 = Message("a1", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
    private static readonly string M2 = Message("b2", "hello", lengthHeader: "l");
    private static readonly string M3 = Message("c3", "");

    private static string Text(StreamFrame frame) => Encoding.UTF8.GetString(frame.Message.Span);

    private static async Task<List<StreamFrame>> ReadAll(StreamFramer framer)
    {
        using var cts = new CancellationTokenSource(Bound);
        var frames = new List<StreamFrame>();
        await foreach (var frame in framer.ReadAllAsync(cts.Token))
        {
            frames.Add(frame);
        }
        return frames;
    }

    private static async Task<StreamFramer> FramerOver(params string[] writes)
    {
        var pipe = new Pipe(StreamFramer.CreatePipeOptions());
        foreach (var write in writes)
        {
            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(write));
        }
        await pipe.Writer.CompleteAsync();
        return new StreamFramer(pipe.Reader);
    }

    /// <summary>Feeds the synchronous core in fixed chunks, as a reader that sees each chunk alone.</summary>
    private static List<StreamFrame> FeedInChunks(byte[] data, int chunkSize)
    {
        var framer = new StreamFramer(new Pipe().Reader);
        var pending = new List<byte>();
        var frames = new List<StreamFrame>();
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            pending.AddRange(data.AsSpan(offset, Math.Min(chunkSize, data.Length - offset)).ToArray());
            while (true)
            {
                var buffer = new ReadOnlySequence<byte>(pending.ToArray());
                var frame = framer.TryReadFrame(buffer, out var consumed);
                pending.RemoveRange(0, (int)buffer.Slice(0, consumed).Length);
                if (frame is null)
                {
                    break;
                }
                frames.Add(frame);
            }
        }
        Assert.Empty(pending);
        return frames;
    }

    [Fact]
    public async Task OneMessageInOneWrite()
    {
        var frames = await ReadAll(await FramerOver(M1));

        var frame = Assert.Single(frames);
        Assert.Equal(StreamFrameKind.Message, frame.Kind);
        Assert.Equal(M1, Text(frame));
    }

    [Fact]
    public async Task SeveralMessagesAndAPingInOneWrite()
    {
        var frames = await ReadAll(await FramerOver(M1 + M2 + "\r\n\r\n" + M3));

        Assert.Equal(
            [(StreamFrameKind.Message, M1), (StreamFrameKind.Message, M2), (StreamFrameKind.Ping, ""), (StreamFrameKind.Message, M3)],
            frames.Select(f => (f.Kind, Text(f))));
    }

    [Fact]
    public async Task ByteByByteThroughARealPipe()
    {
        var pipe = new Pipe(StreamFramer.CreatePipeOptions());
        var framer = new StreamFramer(pipe.Reader);
        var reading = ReadAll(framer);

        // Messages and the pong go one byte per write; the ping goes in one write so that it cannot
        // be seen as two halves (that case is covered by the chunked tests below).
        foreach (var b in Encoding.UTF8.GetBytes(M1 + "\r\n" + M2))
        {
            await pipe.Writer.WriteAsync(new[] { b });
        }
        await pipe.Writer.WriteAsync("\r\n\r\n"u8.ToArray());
        foreach (var b in Encoding.UTF8.GetBytes(M3))
        {
            await pipe.Writer.WriteAsync(new[] { b });
        }
        await pipe.Writer.CompleteAsync();
        var frames = await reading.WaitAsync(Bound);

        Assert.Equal(
            [(StreamFrameKind.Message, M1), (StreamFrameKind.Pong, ""), (StreamFrameKind.Message, M2), (StreamFrameKind.Ping, ""), (StreamFrameKind.Message, M3)],
            frames.Select(f => (f.Kind, Text(f))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(4096)]
    public void AnyChunkingYieldsTheSameMessages(int chunkSize)
    {
        var data = Encoding.UTF8.GetBytes("\r\n\r\n" + M1 + M2 + "\r\n\r\n" + M3);

        var frames = FeedInChunks(data, chunkSize);

        Assert.Equal([M1, M2, M3], frames.Where(f => f.Kind == StreamFrameKind.Message).Select(Text));
        // A ping split across reads first shows as a pong, then the second CRLF completes the ping.
        Assert.Equal(2, frames.Count(f => f.Kind == StreamFrameKind.Ping));
    }

    [Fact]
    public void SplitPingIsReportedAsPongThenPing()
    {
        var frames = FeedInChunks("\r\n\r\n"u8.ToArray(), 2);
        Assert.Equal([StreamFrameKind.Pong, StreamFrameKind.Ping], frames.Select(f => f.Kind));
    }

    [Fact]
    public void LonePongIsReportedWithoutWaitingForMoreBytes()
    {
        var frames = FeedInChunks("\r\n"u8.ToArray(), 2);
        Assert.Equal(StreamFrameKind.Pong, Assert.Single(frames).Kind);
    }

    [Theory]
    [InlineData("Content-Length: 5")]
    [InlineData("content-length:5")]
    [InlineData("CONTENT-LENGTH   :   5  ")]
    [InlineData("Content-Length:\t 5")]
    [InlineData("l: 5")]
    [InlineData("L:5")]
    [InlineData("Content-Length:\r\n   5")]
    [InlineData("Content-Length: 0005")]
    public async Task ContentLengthForms(string header)
    {
        var first = "MESSAGE sip:a@b SIP/2.0\r\nSubject: l: 99\r\n" + header + "\r\n\r\nhello";

        var frames = await ReadAll(await FramerOver(first + M3));

        Assert.Equal([first, M3], frames.Select(Text));
    }

    [Fact]
    public async Task RepeatedEqualContentLengthIsAccepted()
    {
        var message = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2\r\nl: 2\r\n\r\nhi";
        Assert.Equal([message], (await ReadAll(await FramerOver(message))).Select(Text));
    }

    [Theory]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nSubject: x\r\n\r\nhi", StreamFramingError.MissingContentLength)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: abc\r\n\r\n", StreamFramingError.InvalidContentLength)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n", StreamFramingError.InvalidContentLength)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 1 2\r\n\r\n", StreamFramingError.InvalidContentLength)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length:\r\n\r\n", StreamFramingError.InvalidContentLength)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 99999999999999999999999\r\n\r\n", StreamFramingError.InvalidContentLength)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2\r\nl: 3\r\n\r\nhi", StreamFramingError.InvalidContentLength)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 65537\r\n\r\n", StreamFramingError.BodyTooLarge)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nshort", StreamFramingError.Truncated)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Le", StreamFramingError.Truncated)]
    public async Task FramingErrors(string data, StreamFramingError expected)
    {
        var framer = await FramerOver(data);

        var error = await Assert.ThrowsAsync<StreamFramingException>(() => ReadAll(framer));

        Assert.Equal(expected, error.Error);
        // The connection is done: no further reads are attempted.
        await Assert.ThrowsAsync<InvalidOperationException>(() => framer.ReadFrameAsync().AsTask());
    }

    [Fact]
    public void EndlessHeadersAreRejectedAsSoonAsTheLimitIsPassed()
    {
        var framer = new StreamFramer(new Pipe().Reader);
        var data = new List<byte>("INVITE sip:a@b SIP/2.0\r\n"u8.ToArray());
        var line = Encoding.ASCII.GetBytes("X-Filler: " + new string('x', 1000) + "\r\n");

        // Each round the framer sees everything so far, as after each socket read.
        StreamFramingException? error = null;
        while (error is null && data.Count < 4 * StreamFramer.DefaultMaxHeaderBytes)
        {
            data.AddRange(line);
            try
            {
                Assert.Null(framer.TryReadFrame(new ReadOnlySequence<byte>(data.ToArray()), out _));
            }
            catch (StreamFramingException ex)
            {
                error = ex;
            }
        }

        Assert.NotNull(error);
        Assert.Equal(StreamFramingError.HeadersTooLarge, error.Error);
        // It gave up on the first read past the limit, not later.
        Assert.InRange(data.Count, StreamFramer.DefaultMaxHeaderBytes + 1, StreamFramer.DefaultMaxHeaderBytes + line.Length);
    }

    [Fact]
    public async Task CompleteHeadersOverTheLimitAreRejected()
    {
        var big = "INVITE sip:a@b SIP/2.0\r\nX-Big: " + new string('x', StreamFramer.DefaultMaxHeaderBytes) + "\r\nl: 0\r\n\r\n";
        var error = await Assert.ThrowsAsync<StreamFramingException>(async () => await ReadAll(await FramerOver(big)));
        Assert.Equal(StreamFramingError.HeadersTooLarge, error.Error);
    }

    [Fact]
    public async Task BodyExactlyAtTheLimitIsAccepted()
    {
        var body = new string('b', StreamFramer.DefaultMaxBodyBytes);
        var message = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: " + body.Length + "\r\n\r\n" + body;

        var frames = await ReadAll(await FramerOver(message));

        Assert.Equal(message.Length, Assert.Single(frames).Message.Length);
    }

    [Fact]
    public async Task CleanCloseBetweenMessagesEndsTheStream()
    {
        var framer = await FramerOver(M1, "\r\n");
        Assert.Equal(StreamFrameKind.Message, (await framer.ReadFrameAsync())!.Kind);
        Assert.Equal(StreamFrameKind.Pong, (await framer.ReadFrameAsync())!.Kind);
        Assert.Null(await framer.ReadFrameAsync());
    }

    [Fact]
    public async Task CancellationStopsAWaitingRead()
    {
        var framer = new StreamFramer(new Pipe().Reader);
        using var cts = new CancellationTokenSource();
        var reading = framer.ReadFrameAsync(cts.Token).AsTask();
        Assert.False(reading.IsCompleted);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Bound));
    }

    [Fact]
    public void ReturnedMessagesAreCopiesThatSurviveTheBuffer()
    {
        var data = Encoding.UTF8.GetBytes(M1);
        var frames = FeedInChunks(data, data.Length);
        Array.Clear(data);
        Assert.Equal(M1, Text(Assert.Single(frames)));
    }
}
