using System.Text;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Finds header lines (RFC 3261 7.3): name, HCOLON, value up to a CRLF that is not followed
/// by whitespace (a fold, 7.3.1). Stores offsets in the header table of the pooled message
/// being parsed, growing it (once, kept by the message) only for unusually long messages.
/// Remembers where the single-instance headers are.
/// </summary>
internal ref struct HeaderScanner
{
    private HeaderField[] _fields;
    private int _count;

    public HeaderScanner(HeaderField[] table)
    {
        _fields = table;
        BodyOffset = 0;
        ContentLengthIndex = -1;
        CSeqIndex = -1;
        CallIdIndex = -1;
        FromIndex = -1;
        ToIndex = -1;
        MaxForwardsIndex = -1;
        ViaCount = 0;
    }

    public int BodyOffset { get; private set; }

    public int ContentLengthIndex { get; private set; }

    public int CSeqIndex { get; private set; }

    public int CallIdIndex { get; private set; }

    public int FromIndex { get; private set; }

    public int ToIndex { get; private set; }

    public int MaxForwardsIndex { get; private set; }

    public int ViaCount { get; private set; }

    public readonly int Count => _count;

    public readonly HeaderField Get(int index) => _fields[index];

    /// <summary>The table holding the fields: the one given, or a larger one if it had to grow.</summary>
    public readonly HeaderField[] Table => _fields;

    public SipParseError Scan(ReadOnlySpan<byte> s, int pos, out string reason)
    {
        reason = "";
        while (true)
        {
            if (pos >= s.Length)
            {
                reason = "no empty line ends the headers";
                return SipParseError.IncompleteHeaders;
            }
            if (s[pos] == SipLexer.Lf || (s[pos] == SipLexer.Cr && pos + 1 < s.Length && s[pos + 1] == SipLexer.Lf))
            {
                BodyOffset = pos + (s[pos] == SipLexer.Lf ? 1 : 2);
                return SipParseError.None;
            }
            var lineStart = pos;
            var nameLength = SipLexer.TokenChars.IndexOfAnyExcept(s[pos..]);
            pos = nameLength < 0 ? s.Length : pos + nameLength;
            var nameEnd = pos;
            // HCOLON = *( SP / HTAB ) ":" SWS
            while (pos < s.Length && s[pos] is SipLexer.Sp or SipLexer.Tab)
            {
                pos++;
            }
            if (nameEnd == lineStart || pos >= s.Length || s[pos] != ':')
            {
                var end = s[lineStart..].IndexOfAny(SipLexer.Cr, SipLexer.Lf);
                var line = s.Slice(lineStart, end < 0 ? Math.Min(40, s.Length - lineStart) : Math.Min(end, 40));
                reason = $"header line '{Encoding.UTF8.GetString(line)}' has no 'name:' start";
                return SipParseError.MalformedHeader;
            }
            pos++;
            int lf;
            var search = pos;
            while (true)
            {
                var next = s[search..].IndexOf(SipLexer.Lf);
                if (next < 0)
                {
                    reason = "no empty line ends the headers";
                    return SipParseError.IncompleteHeaders;
                }
                lf = search + next;
                if (lf + 1 < s.Length && s[lf + 1] is SipLexer.Sp or SipLexer.Tab)
                {
                    search = lf + 1; // folded continuation line
                    continue;
                }
                break;
            }
            var valueStart = SipLexer.SkipWhite(s, pos);
            var valueEnd = lf;
            while (valueEnd > valueStart && SipLexer.IsWhite(s[valueEnd - 1]))
            {
                valueEnd--;
            }
            if (valueStart > valueEnd)
            {
                valueStart = valueEnd;
            }
            if (_count >= SipParser.MaxHeaders)
            {
                reason = $"more than {SipParser.MaxHeaders} header lines";
                return SipParseError.TooManyHeaders;
            }
            var id = SipHeaderNames.Lookup(s[lineStart..nameEnd]);
            var error = Track(id, _count, out reason);
            if (error != SipParseError.None)
            {
                return error;
            }
            Add(new HeaderField(id, lineStart, lf + 1 - lineStart, lineStart, nameEnd - lineStart, valueStart, valueEnd - valueStart));
            pos = lf + 1;
        }
    }

    private SipParseError Track(HeaderId id, int index, out string reason)
    {
        reason = "";
        if (id == HeaderId.Via)
        {
            ViaCount++;
            return SipParseError.None;
        }
        var current = id switch
        {
            HeaderId.ContentLength => ContentLengthIndex,
            HeaderId.CSeq => CSeqIndex,
            HeaderId.CallId => CallIdIndex,
            HeaderId.From => FromIndex,
            HeaderId.To => ToIndex,
            HeaderId.MaxForwards => MaxForwardsIndex,
            _ => int.MinValue,
        };
        if (current == int.MinValue)
        {
            return SipParseError.None;
        }
        if (current >= 0)
        {
            reason = $"{SipHeaderNames.GetLongName(id)} appears more than once";
            return SipParseError.DuplicateHeader;
        }
        switch (id)
        {
            case HeaderId.ContentLength: ContentLengthIndex = index; break;
            case HeaderId.CSeq: CSeqIndex = index; break;
            case HeaderId.CallId: CallIdIndex = index; break;
            case HeaderId.From: FromIndex = index; break;
            case HeaderId.To: ToIndex = index; break;
            default: MaxForwardsIndex = index; break;
        }
        return SipParseError.None;
    }

    private void Add(in HeaderField field)
    {
        if (_count == _fields.Length)
        {
            var grown = new HeaderField[_fields.Length * 2];
            _fields.CopyTo(grown);
            _fields = grown;
        }
        _fields[_count++] = field;
    }
}
