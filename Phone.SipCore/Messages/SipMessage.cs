using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

/// <summary>
/// A parsed SIP message: one immutable byte buffer plus the offsets of its header lines
/// and body. Header values are decoded only when asked for; typed views (Via, From,
/// Event...) are parsed on demand. To change a message, use <see cref="SipMessageBuilder"/>.
/// </summary>
public abstract partial class SipMessage
{
    private readonly HeaderField[] _headers;
    private readonly int _headerCount;
    private readonly int _bodyOffset;
    private readonly int _bodyLength;

    private protected SipMessage(ReadOnlyMemory<byte> buffer, HeaderField[] headers, int headerCount,
        int bodyOffset, int bodyLength, CSeq cseq, int? maxForwards)
    {
        Buffer = buffer;
        _headers = headers;
        _headerCount = headerCount;
        _bodyOffset = bodyOffset;
        _bodyLength = bodyLength;
        CSeq = cseq;
        MaxForwards = maxForwards;
    }

    /// <summary>The message bytes, start line to the end of the body, exactly as received.</summary>
    public ReadOnlyMemory<byte> Buffer { get; }

    /// <summary>The header lines in order of appearance.</summary>
    public ReadOnlySpan<HeaderField> Headers => _headers.AsSpan(0, _headerCount);

    public abstract bool IsRequest { get; }

    /// <summary>The start line without its CRLF.</summary>
    public ReadOnlySpan<byte> StartLine
    {
        get
        {
            var span = Buffer.Span;
            var end = span.IndexOf(SipLexer.Lf);
            return end > 0 && span[end - 1] == SipLexer.Cr ? span[..(end - 1)] : span[..end];
        }
    }

    /// <summary>The headers' end: offset of the first body byte.</summary>
    public int BodyOffset => _bodyOffset;

    public ReadOnlyMemory<byte> Body => Buffer.Slice(_bodyOffset, _bodyLength);

    public int ContentLength => _bodyLength;

    /// <summary>CSeq, parsed and validated with the message (RFC 3261 8.1.1.5).</summary>
    public CSeq CSeq { get; }

    /// <summary>Max-Forwards (0-255); null when absent (allowed in responses only).</summary>
    public int? MaxForwards { get; }

    public ReadOnlySpan<byte> GetNameSpan(HeaderField header) => Buffer.Span.Slice(header.NameOffset, header.NameLength);

    /// <summary>The raw value bytes (folds included, surrounding whitespace trimmed).</summary>
    public ReadOnlySpan<byte> GetValueSpan(HeaderField header) => Buffer.Span.Slice(header.ValueOffset, header.ValueLength);

    /// <summary>The whole header line as received, folds and CRLF included.</summary>
    public ReadOnlySpan<byte> GetLineSpan(HeaderField header) => Buffer.Span.Slice(header.LineOffset, header.LineLength);

    public string GetName(HeaderField header) => Encoding.UTF8.GetString(GetNameSpan(header));

    /// <summary>The value as text, each fold replaced by one space (RFC 3261 7.3.1).</summary>
    public string GetValue(HeaderField header) => SipLexer.Decode(GetValueSpan(header));

    public bool Contains(HeaderId id) => IndexOf(id, 0) >= 0;

    public bool TryGetHeader(HeaderId id, out HeaderField header)
    {
        var index = IndexOf(id, 0);
        header = index < 0 ? default : _headers[index];
        return index >= 0;
    }

    /// <summary>Raw value span of the first header with this id; empty when absent.</summary>
    public ReadOnlySpan<byte> GetValueSpan(HeaderId id) => TryGetHeader(id, out var h) ? GetValueSpan(h) : default;

    /// <summary>Text of the first header with this id (long or compact form); null when absent.</summary>
    public string? GetHeaderValue(HeaderId id) => TryGetHeader(id, out var h) ? GetValue(h) : null;

    /// <summary>Text of the first header with this name; known names also match their other form.</summary>
    public string? GetHeaderValue(string name)
    {
        var id = SipHeaderNames.Lookup(name);
        if (id != HeaderId.Unknown)
        {
            return GetHeaderValue(id);
        }
        var wanted = Encoding.UTF8.GetBytes(name);
        foreach (ref readonly var header in Headers)
        {
            if (header.Id == HeaderId.Unknown && Ascii.EqualsIgnoreCase(GetNameSpan(header), wanted))
            {
                return GetValue(header);
            }
        }
        return null;
    }

    /// <summary>
    /// Every value of a header: all lines with that id, and for list headers each
    /// comma-separated element (never split inside quotes or &lt;...&gt;).
    /// </summary>
    public IReadOnlyList<string> GetHeaderValues(HeaderId id)
    {
        var values = new List<string>();
        foreach (ref readonly var header in Headers)
        {
            if (header.Id != id)
            {
                continue;
            }
            if (!SipHeaderNames.IsList(id))
            {
                values.Add(GetValue(header));
                continue;
            }
            var splitter = new SipListSplitter(GetValueSpan(header));
            while (splitter.MoveNext())
            {
                if (!splitter.Current.IsEmpty)
                {
                    values.Add(SipLexer.Decode(splitter.Current));
                }
            }
        }
        return values;
    }

    /// <summary>Index of the next header with <paramref name="id"/> at or after <paramref name="start"/>; -1 if none.</summary>
    public int IndexOf(HeaderId id, int start)
    {
        for (var i = start; i < _headerCount; i++)
        {
            if (_headers[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }

    public override string ToString() => Encoding.UTF8.GetString(Buffer.Span);
}
