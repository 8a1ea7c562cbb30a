using System.Text;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Parses one SIP message held in one buffer (a datagram, or a stream message already
/// framed by <see cref="SipFraming"/>). Headers are indexed as offsets into the buffer;
/// only the headers every layer needs are validated here (RFC 3261 8.1.1: To, From,
/// CSeq, Call-ID, Via, Max-Forwards), the rest on demand. Never throws on bad input.
/// </summary>
public static class SipParser
{
    /// <summary>Messages above 64 KiB are refused: no SIP use here needs more, and it bounds memory.</summary>
    public const int MaxMessageSize = 64 * 1024;

    /// <summary>
    /// Header lines allowed in one message. Real traffic carries 10-40 (a long Via or Record-Route
    /// list included); thousands of tiny headers inside 64 KiB would otherwise cost a
    /// 28-byte index entry each and a linear scan on every header lookup.
    /// </summary>
    public const int MaxHeaders = 256;

    private const int ScratchHeaders = 64;

    [ThreadStatic]
    private static HeaderField[]? _threadScratch;

    public static SipParseResult TryParse(byte[] datagram) => TryParse(datagram.AsMemory());

    public static SipParseResult TryParse(ReadOnlyMemory<byte> datagram)
    {
        if (datagram.Length > MaxMessageSize)
        {
            return SipParseResult.Fail(SipParseError.TooLarge,
                $"message is {datagram.Length} bytes, more than the {MaxMessageSize} allowed", false);
        }
        // RFC 3261 7.5 / RFC 5626 3.5.1: CRLFs before the start line are keep-alives; skip them.
        var skip = SipFraming.CountLeadingCrlf(datagram.Span);
        if (skip == datagram.Length)
        {
            return SipParseResult.Fail(SipParseError.Empty, "no message, only CRLF keep-alives", false);
        }
        var memory = datagram[skip..];
        var span = memory.Span;
        var lineEnd = span.IndexOf(SipLexer.Lf);
        if (lineEnd < 0)
        {
            return SipParseResult.Fail(SipParseError.MalformedStartLine, "start line has no line end", false);
        }
        var start = StartLineParser.Parse(span[..(lineEnd > 0 && span[lineEnd - 1] == SipLexer.Cr ? lineEnd - 1 : lineEnd)]);
        if (start.Error != SipParseError.None)
        {
            return SipParseResult.Fail(start.Error, start.Reason, start.IsRequest);
        }

        // A per-thread scratch array, not stackalloc: no zeroing per parse, and no allocation;
        // the message keeps an exact-size copy.
        var scratch = _threadScratch ??= new HeaderField[ScratchHeaders];
        var scan = new HeaderScanner(scratch);
        var error = scan.Scan(span, lineEnd + 1, out var reason);
        if (error != SipParseError.None)
        {
            return SipParseResult.Fail(error, reason, start.IsRequest);
        }
        var bodyOffset = scan.BodyOffset;
        var bodyLength = span.Length - bodyOffset;
        if (scan.ContentLengthIndex >= 0)
        {
            var field = scan.Get(scan.ContentLengthIndex);
            var value = span.Slice(field.ValueOffset, field.ValueLength);
            if (!SipLexer.TryParseUInt(value, int.MaxValue, out var length))
            {
                return SipParseResult.Fail(SipParseError.InvalidContentLength,
                    $"Content-Length '{Encoding.UTF8.GetString(value)}' is not a non-negative number", start.IsRequest);
            }
            if (length > bodyLength)
            {
                return SipParseResult.Fail(SipParseError.ContentLengthExceedsData,
                    $"Content-Length is {length} but only {bodyLength} body bytes arrived", start.IsRequest);
            }
            // RFC 3261 18.3: bytes after Content-Length are not part of this message (RFC 4475 3.1.1.8).
            bodyLength = (int)length;
        }

        error = HeaderValidator.Validate(span, ref scan, start, out reason, out var cseq, out var maxForwards);
        if (error != SipParseError.None)
        {
            return SipParseResult.Fail(error, reason, start.IsRequest);
        }

        var headers = scan.ToArray();
        var buffer = memory[..(bodyOffset + bodyLength)];
        SipMessage message = start.IsRequest
            ? new SipRequest(buffer, headers, headers.Length, bodyOffset, bodyLength, cseq, maxForwards,
                start.Method, start.UriOffset, start.UriLength)
            : new SipResponse(buffer, headers, headers.Length, bodyOffset, bodyLength, cseq, maxForwards,
                start.StatusCode, start.ReasonOffset, start.ReasonLength);
        return SipParseResult.Ok(message);
    }
}
