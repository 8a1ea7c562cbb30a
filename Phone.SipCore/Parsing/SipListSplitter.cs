namespace Phone.SipCore.Parsing;

/// <summary>
/// Walks a comma-separated header value (RFC 3261 7.3.1) without splitting inside
/// quoted strings or &lt;...&gt;. Yields trimmed elements; an empty element is yielded
/// too, so the caller decides whether it is an error.
/// </summary>
internal ref struct SipListSplitter
{
    private readonly ReadOnlySpan<byte> _value;
    private int _position;

    public SipListSplitter(ReadOnlySpan<byte> value)
    {
        _value = value;
        _position = SipLexer.Trim(value).IsEmpty ? value.Length + 1 : 0;
    }

    /// <summary>Set when quotes or brackets do not balance; the walk then stops.</summary>
    public bool Malformed { get; private set; }

    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Offset of <see cref="Current"/> in the whole value (after trimming).</summary>
    public int CurrentOffset { get; private set; }

    public bool MoveNext()
    {
        if (_position > _value.Length)
        {
            return false;
        }
        var comma = SipLexer.IndexOfUnquoted(_value, (byte)',', _position);
        if (comma == -2)
        {
            Malformed = true;
            _position = _value.Length + 1;
            return false;
        }
        var end = comma < 0 ? _value.Length : comma;
        var start = SipLexer.SkipWhite(_value, _position);
        if (start > end)
        {
            start = end;
        }
        CurrentOffset = start;
        Current = SipLexer.Trim(_value[start..end]);
        _position = comma < 0 ? _value.Length + 1 : comma + 1;
        return true;
    }
}
