using System.Text;

namespace Phone.SipCore.Messages;

/// <summary>A SIP response (RFC 3261 7.2).</summary>
public sealed class SipResponse : SipMessage
{
    private int _statusCode;
    private int _reasonOffset;
    private int _reasonLength;

    // Only the pool creates responses (SipMessagePool); the parser loads them.
    internal SipResponse()
    {
    }

    internal void Load(ReadOnlyMemory<byte> buffer, int headerCount, int bodyOffset, int bodyLength, CSeq cseq,
        int? maxForwards, Range fromTag, Range toTag, int statusCode, int reasonOffset, int reasonLength)
    {
        _statusCode = statusCode;
        _reasonOffset = reasonOffset;
        _reasonLength = reasonLength;
        LoadCommon(buffer, headerCount, bodyOffset, bodyLength, cseq, maxForwards, fromTag, toTag);
    }

    private protected override void ClearTypeCache()
    {
    }

    private protected override void ReturnToPool() => SipMessagePool<SipResponse>.Return(this);

    public override bool IsRequest => false;

    public int StatusCode
    {
        get
        {
            EnsureLive();
            return _statusCode;
        }
    }

    /// <summary>The reason phrase (UTF-8, may be empty: RFC 4475 3.1.1.13).</summary>
    public string ReasonPhrase => Encoding.UTF8.GetString(Buffer.Span.Slice(_reasonOffset, _reasonLength));

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// Builds a response to <paramref name="request"/> per RFC 3261 8.2.6: Via (all, in order),
    /// From, To, Call-ID and CSeq copied; a To tag added when the request had none (except 100).
    /// </summary>
    public static SipResponse Create(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null) =>
        SipMessageBuilder.ForResponseTo(request, statusCode, reasonPhrase, toTag).BuildResponse();
}
