using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

/// <summary>A SIP request (RFC 3261 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    // Marks "parsed, not a SIP URI" so the cache needs one field, not a field and a flag.
    private static readonly object NotSipUri = new();

    private object? _requestUri;

    internal SipRequest(ReadOnlyMemory<byte> buffer, HeaderField[] headers, int headerCount, int bodyOffset,
        int bodyLength, CSeq cseq, int? maxForwards, SipMethod method, int uriOffset, int uriLength)
        : base(buffer, headers, headerCount, bodyOffset, bodyLength, cseq, maxForwards)
    {
        Method = method;
        RequestUriOffset = uriOffset;
        RequestUriLength = uriLength;
    }

    public override bool IsRequest => true;

    public SipMethod Method { get; }

    internal int RequestUriOffset { get; }

    internal int RequestUriLength { get; }

    public ReadOnlySpan<byte> RequestUriSpan => Buffer.Span.Slice(RequestUriOffset, RequestUriLength);

    /// <summary>The Request-URI text as received (any scheme); a new string each call.</summary>
    public string RequestUriText => Encoding.UTF8.GetString(RequestUriSpan);

    /// <summary>The Request-URI when it is sip:/sips:; null for other schemes (answer 416, RFC 3261 8.2.2.1).</summary>
    public SipUri? RequestUri =>
        (_requestUri ??= SipUri.TryParse(RequestUriSpan, out var uri) ? uri : NotSipUri) as SipUri;
}
