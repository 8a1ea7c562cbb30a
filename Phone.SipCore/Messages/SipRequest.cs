using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

/// <summary>A SIP request (RFC 3261 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    // Marks "parsed, not a SIP URI" so the cache needs one field, not a field and a flag.
    private static readonly object NotSipUri = new();

    private object? _requestUri;
    private SipMethod _method;
    private int _uriOffset;
    private int _uriLength;

    // Only the pool creates requests (SipMessagePool); the parser loads them.
    internal SipRequest()
    {
    }

    internal void Load(ReadOnlyMemory<byte> buffer, int headerCount, int bodyOffset, int bodyLength, CSeq cseq,
        int? maxForwards, Range fromTag, Range toTag, SipMethod method, int uriOffset, int uriLength)
    {
        _method = method;
        _uriOffset = uriOffset;
        _uriLength = uriLength;
        LoadCommon(buffer, headerCount, bodyOffset, bodyLength, cseq, maxForwards, fromTag, toTag);
    }

    private protected override void ClearTypeCache() => _requestUri = null;

    private protected override void ReturnToPool() => SipMessagePool<SipRequest>.Return(this);

    public override bool IsRequest => true;

    public SipMethod Method
    {
        get
        {
            EnsureLive();
            return _method;
        }
    }

    public ReadOnlySpan<byte> RequestUriSpan => Buffer.Span.Slice(_uriOffset, _uriLength);

    /// <summary>The Request-URI text as received (any scheme); a new string each call.</summary>
    public string RequestUriText => Encoding.UTF8.GetString(RequestUriSpan);

    /// <summary>The Request-URI when it is sip:/sips:; null for other schemes (answer 416, RFC 3261 8.2.2.1).</summary>
    public SipUri? RequestUri =>
        (_requestUri ??= SipUri.TryParse(RequestUriSpan, out var uri) ? uri : NotSipUri) as SipUri;
}
