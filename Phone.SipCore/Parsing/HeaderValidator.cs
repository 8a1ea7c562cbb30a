using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Checks the headers every message must carry and every layer reads (RFC 3261 8.1.1,
/// 20): presence, CSeq against the method, numeric ranges, and the syntax of Via, From
/// and To. Works on spans only, so a valid message costs no allocation here.
/// </summary>
internal static class HeaderValidator
{
    public static SipParseError Validate(ReadOnlySpan<byte> s, ref HeaderScanner scan, in StartLineParser.Result start,
        out string reason, out CSeq cseq, out int? maxForwards, out Range fromTag, out Range toTag)
    {
        cseq = default;
        maxForwards = null;
        fromTag = default;
        toTag = default;
        var missing = scan.ToIndex < 0 ? "To" : scan.FromIndex < 0 ? "From" : scan.CallIdIndex < 0 ? "Call-ID"
            : scan.CSeqIndex < 0 ? "CSeq" : scan.ViaCount == 0 ? "Via"
            : start.IsRequest && scan.MaxForwardsIndex < 0 ? "Max-Forwards" : null;
        if (missing is not null)
        {
            reason = $"mandatory header {missing} is missing";
            return SipParseError.MissingHeader;
        }

        // A request's CSeq method is usually its start line's, byte for byte: that one's cached SipMethod serves.
        var requestMethod = start.IsRequest ? s[..(start.UriOffset - 1)] : [];
        var error = ParseCSeq(Value(s, scan.Get(scan.CSeqIndex)), requestMethod, start.Method, out cseq, out reason);
        if (error != SipParseError.None)
        {
            return error;
        }
        if (start.IsRequest && cseq.Method != start.Method)
        {
            reason = $"CSeq method {cseq.Method} does not match request method {start.Method}";
            return SipParseError.CSeqMethodMismatch;
        }

        var callIdField = scan.Get(scan.CallIdIndex);
        if (callIdField.ValueLength == 0 || HasWhite(s, callIdField.ValueOffset, callIdField.ValueLength))
        {
            reason = "Call-ID is empty or contains whitespace";
            return SipParseError.InvalidCallId;
        }

        if (scan.MaxForwardsIndex >= 0)
        {
            // Max-Forwards = 1*DIGIT, and RFC 3261 20.22 keeps it within 0-255 (RFC 4475 3.1.2.4).
            if (!SipLexer.TryParseUInt(Value(s, scan.Get(scan.MaxForwardsIndex)), 255, out var hops))
            {
                reason = "Max-Forwards is not a number from 0 to 255";
                return SipParseError.InvalidMaxForwards;
            }
            maxForwards = (int)hops;
        }

        var from = scan.Get(scan.FromIndex);
        if (!NameAddrParser.TryValidate(Value(s, from), out var fromTagInValue, out var fromReason))
        {
            reason = "From is invalid: " + fromReason;
            return SipParseError.InvalidFrom;
        }
        var to = scan.Get(scan.ToIndex);
        if (!NameAddrParser.TryValidate(Value(s, to), out var toTagInValue, out var toReason))
        {
            reason = "To is invalid: " + toReason;
            return SipParseError.InvalidTo;
        }
        // The tags are what every layer matches on (RFC 3261 12, 17); keep where they are.
        fromTag = SipLexer.Offset(fromTagInValue, from.ValueOffset);
        toTag = SipLexer.Offset(toTagInValue, to.ValueOffset);

        // Every Via line, from the first one the scan recorded to the last it counted.
        for (int i = scan.First(HeaderId.Via), seen = 0; seen < scan.ViaCount; i++)
        {
            var field = scan.Get(i);
            if (field.Id != HeaderId.Via)
            {
                continue;
            }
            seen++;
            // Usually a line holds one via-parm: if the whole value parses as one, the list walk below
            // would find that one element too (a comma or "<" outside a quoted parameter value fails
            // the via-parm parse), so it is skipped. Otherwise the walk decides, element by element.
            if (ViaParser.TryParse(Value(s, field), out _, out _))
            {
                continue;
            }
            var splitter = new SipListSplitter(Value(s, field));
            var elements = 0;
            while (splitter.MoveNext())
            {
                elements++;
                if (!ViaParser.TryParse(splitter.Current, out _, out var viaReason))
                {
                    reason = $"{viaReason}: '{Encoding.UTF8.GetString(splitter.Current)}'";
                    return SipParseError.InvalidVia;
                }
            }
            if (splitter.Malformed || elements == 0)
            {
                reason = elements == 0 ? "Via is empty" : "Via has unbalanced quotes or brackets";
                return SipParseError.InvalidVia;
            }
        }
        reason = "";
        return SipParseError.None;
    }

    // CSeq = 1*DIGIT LWS Method; the number must stay below 2^31 (RFC 3261 8.1.1.5).
    private static SipParseError ParseCSeq(ReadOnlySpan<byte> value, ReadOnlySpan<byte> requestMethod, SipMethod requestMethodValue,
        out CSeq cseq, out string reason)
    {
        // The usual request CSeq: digits, one SP and the request's own method byte for byte, which the
        // start line already checked as a token; its cached SipMethod serves, no second token walk.
        var methodAt = value.Length - requestMethod.Length;
        if (!requestMethod.IsEmpty && methodAt > 1 && value[methodAt - 1] == SipLexer.Sp && value[methodAt..].SequenceEqual(requestMethod)
            && SipLexer.TryParseUInt(value[..(methodAt - 1)], int.MaxValue, out var usual))
        {
            cseq = new CSeq(usual, requestMethodValue);
            reason = "";
            return SipParseError.None;
        }
        cseq = default;
        var digits = 0;
        while (digits < value.Length && SipLexer.IsDigit(value[digits]))
        {
            digits++;
        }
        var methodStart = SipLexer.SkipWhite(value, digits);
        var method = value[methodStart..];
        if (!SipLexer.TryParseUInt(value[..digits], int.MaxValue, out var number) || methodStart == digits
            || !SipLexer.IsTokenSpan(method))
        {
            reason = $"CSeq '{Encoding.UTF8.GetString(value)}' is not a number below 2^31 and a method";
            return SipParseError.InvalidCSeq;
        }
        cseq = new CSeq(number, !requestMethod.IsEmpty && method.SequenceEqual(requestMethod) ? requestMethodValue : SipMethod.FromBytes(method));
        reason = "";
        return SipParseError.None;
    }

    // A Call-ID is 10-60 bytes: one 32-byte compare covers the usual one, read from the message (the
    // bytes after the value are the line's end and more), masked to the value's length; a longer one,
    // or one at the buffer's end, takes the byte loop.
    private static bool HasWhite(ReadOnlySpan<byte> s, int offset, int length)
    {
        if (Vector256.IsHardwareAccelerated && length <= Vector256<byte>.Count && s.Length - offset >= Vector256<byte>.Count)
        {
            var bytes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)offset);
            var white = Vector256.Equals(bytes, Vector256.Create(SipLexer.Sp)) | Vector256.Equals(bytes, Vector256.Create(SipLexer.Tab))
                | Vector256.Equals(bytes, Vector256.Create(SipLexer.Cr)) | Vector256.Equals(bytes, Vector256.Create(SipLexer.Lf));
            return (white.ExtractMostSignificantBits() & (uint)((1UL << length) - 1)) != 0;
        }
        foreach (var b in s.Slice(offset, length))
        {
            if (SipLexer.IsWhite(b))
            {
                return true;
            }
        }
        return false;
    }

    private static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> s, in HeaderField field) => s.Slice(field.ValueOffset, field.ValueLength);
}
