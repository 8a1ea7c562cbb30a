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
        var lineEnd = SipLexer.IndexOfLf(span, 0);
        if (lineEnd < 0)
        {
            return SipParseResult.Fail(SipParseError.MalformedStartLine, "start line has no line end", false);
        }
        var start = StartLineParser.Parse(span[..(lineEnd > 0 && span[lineEnd - 1] == SipLexer.Cr ? lineEnd - 1 : lineEnd)]);
        if (start.Error != SipParseError.None)
        {
            return SipParseResult.Fail(start.Error, start.Reason, start.IsRequest);
        }

        // The message comes from the pool (SipMessagePool) and its header table is the scan's
        // target, so indexing writes straight into what the message keeps: no copy, no allocation.
        SipRequest? request = null;
        SipMessage message = start.IsRequest
            ? request = SipMessagePool<SipRequest>.Rent(static () => new SipRequest())
            : SipMessagePool<SipResponse>.Rent(static () => new SipResponse());
        var scan = new HeaderScanner(message.HeaderTable, message.FirstIndexTable);
        var error = scan.Scan(span, lineEnd + 1, out var reason);
        var bodyOffset = scan.BodyOffset;
        var bodyLength = span.Length - bodyOffset;
        if (error == SipParseError.None && scan.ContentLengthIndex >= 0)
        {
            var field = scan.Get(scan.ContentLengthIndex);
            var value = span.Slice(field.ValueOffset, field.ValueLength);
            if (!SipLexer.TryParseUInt(value, int.MaxValue, out var length))
            {
                error = SipParseError.InvalidContentLength;
                reason = $"Content-Length '{Encoding.UTF8.GetString(value)}' is not a non-negative number";
            }
            else if (length > bodyLength)
            {
                error = SipParseError.ContentLengthExceedsData;
                reason = $"Content-Length is {length} but only {bodyLength} body bytes arrived";
            }
            else
            {
                // RFC 3261 18.3: bytes after Content-Length are not part of this message (RFC 4475 3.1.1.8).
                bodyLength = (int)length;
            }
        }
        var cseq = default(CSeq);
        int? maxForwards = null;
        Range fromTag = default, toTag = default;
        if (error == SipParseError.None)
        {
            error = HeaderValidator.Validate(span, ref scan, start, out reason, out cseq, out maxForwards, out fromTag, out toTag);
        }
        // A grown table stays with the message (the pool drops oversized ones). Stored only when it
        // grew: storing a reference into a heap object costs a GC write barrier on every parse.
        if (!ReferenceEquals(message.HeaderTable, scan.Table))
        {
            message.HeaderTable = scan.Table;
        }
        if (error != SipParseError.None)
        {
            message.ReturnUnused(); // never handed out, so straight back to the pool
            return SipParseResult.Fail(error, reason, start.IsRequest);
        }

        var buffer = memory[..(bodyOffset + bodyLength)];
        if (request is not null)
        {
            request.Load(buffer, scan.Count, bodyOffset, bodyLength, cseq, maxForwards, fromTag, toTag,
                start.Method, start.UriOffset, start.UriLength);
            return SipParseResult.Ok(request);
        }
        var response = (SipResponse)message;
        response.Load(buffer, scan.Count, bodyOffset, bodyLength, cseq, maxForwards, fromTag, toTag,
            start.StatusCode, start.ReasonOffset, start.ReasonLength);
        return SipParseResult.Ok(response);
    }
}
