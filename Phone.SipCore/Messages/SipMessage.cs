using System.Runtime.CompilerServices;
using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

/// <summary>
/// A parsed SIP message: one immutable byte buffer plus the offsets of its header lines
/// and body. Header values are decoded only when asked for; typed views (Via, From,
/// Event...) are parsed on demand. To change a message, use <see cref="SipMessageBuilder"/>.
/// </summary>
/// <remarks>
/// <para>Ownership (docs/performance.md, "Parser"): messages are pooled objects with a
/// reference count, so the receive path allocates nothing in steady state. The parser rents a
/// message (its header table is an array the object keeps between uses, sized for the common
/// case and grown only for longer messages) and hands it out with one reference, owned by the
/// caller of <see cref="SipParser.TryParse(ReadOnlyMemory{byte})"/>. Whoever keeps a message
/// beyond the owner's use calls <see cref="Retain"/> (a server transaction does, so a
/// retransmission is matched against its request however early the line is done with it);
/// every reference ends with one <see cref="Release"/>, and the last one returns the object to
/// the pool.</para>
/// <para>Safety: any read of a message whose last reference was released throws
/// <see cref="ObjectDisposedException"/>, as does a second release or a retain after it; it never
/// yields stale or foreign data while the object waits in the pool. A message nobody releases
/// is simply collected by the GC: a forgotten release costs an allocation, never correctness.
/// The one rule callers must keep is the usual one for pooled objects: do not keep a reference
/// you do not own (retain it instead).</para>
/// </remarks>
public abstract partial class SipMessage
{
    /// <summary>Header slots a pooled message starts with: the bench NOTIFY has 12, a REGISTER 10.</summary>
    internal const int InitialHeaderCapacity = 24;

    // A table grown past this for an unusual message is not kept in the pool.
    private const int MaxPooledHeaderCapacity = 64;

    /// <summary>Slots of the first-index table: one per <see cref="HeaderId"/> value (HeaderIdTests holds them under it).</summary>
    internal const int HeaderIdSlots = 64;

    private HeaderField[] _headers = new HeaderField[InitialHeaderCapacity];
    // Per header id, the index + 1 of its first line (0: absent), filled by the parser's scan, so
    // reading a header (Call-ID, Event, ...) is one array read instead of a walk over the lines.
    private readonly ushort[] _firstIndex = new ushort[HeaderIdSlots];
    private ReadOnlyMemory<byte> _buffer;
    private int _headerCount;
    private int _bodyOffset;
    private int _bodyLength;
    private CSeq _cseq;
    private int? _maxForwards;
    private Range _fromTag;
    private Range _toTag;
    private int _references;

    private protected SipMessage()
    {
    }

    /// <summary>The header table the parser fills in place; it may hand back a grown one.</summary>
    internal HeaderField[] HeaderTable
    {
        get => _headers;
        set => _headers = value;
    }

    /// <summary>The first-index table the parser fills in place (see <see cref="IndexOf"/>).</summary>
    internal Span<ushort> FirstIndexTable => _firstIndex;

    /// <summary>Makes a rented message hold one parsed message, with one reference (the parser's caller's).</summary>
    private protected void LoadCommon(ReadOnlyMemory<byte> buffer, int headerCount, int bodyOffset, int bodyLength,
        CSeq cseq, int? maxForwards, Range fromTag, Range toTag)
    {
        _buffer = buffer;
        _headerCount = headerCount;
        _bodyOffset = bodyOffset;
        _bodyLength = bodyLength;
        _cseq = cseq;
        _maxForwards = maxForwards;
        _fromTag = fromTag;
        _toTag = toTag;
        _references = 1;
    }

    /// <summary>True while someone holds a reference; false once the last one was released.</summary>
    public bool IsLive => Volatile.Read(ref _references) > 0;

    /// <summary>Takes one more reference: the message stays out of the pool until it is released too.</summary>
    public void Retain()
    {
        if (Interlocked.Increment(ref _references) <= 1)
        {
            Interlocked.Decrement(ref _references);
            throw Released();
        }
    }

    /// <summary>
    /// Ends one reference. The last one clears the message and returns it to the pool; the
    /// object must not be touched after that (reads throw <see cref="ObjectDisposedException"/>).
    /// </summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left > 0)
        {
            return;
        }
        if (left < 0)
        {
            Interlocked.Increment(ref _references);
            throw new ObjectDisposedException(GetType().Name, "This message was released more times than it was retained.");
        }
        Recycle();
    }

    /// <summary>Returns a rented message the parser did not hand out (the parse failed).</summary>
    internal void ReturnUnused() => Recycle();

    /// <summary>Clears what the message holds (the datagram, cached views) and returns it to its pool.</summary>
    private void Recycle()
    {
        _buffer = default;
        _callId = null;
        _from = null;
        _to = null;
        _fromTagText = null;
        _toTagText = null;
        _vias = null;
        if (_headers.Length > MaxPooledHeaderCapacity)
        {
            _headers = new HeaderField[InitialHeaderCapacity];
        }
        ClearTypeCache();
        ReturnToPool();
    }

    private protected abstract void ClearTypeCache();

    private protected abstract void ReturnToPool();

    /// <summary>Throws when the last reference was released: reading a recycled message is a bug.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // every read checks it; see HeaderScanner on inlining without PGO
    private protected void EnsureLive()
    {
        if (_references <= 0)
        {
            throw Released();
        }
    }

    private ObjectDisposedException Released() =>
        new(GetType().Name, "This message was released; it belongs to the message pool now. Retain it to keep it.");

    /// <summary>The message bytes, start line to the end of the body, exactly as received.</summary>
    public ReadOnlyMemory<byte> Buffer
    {
        get
        {
            EnsureLive();
            return _buffer;
        }
    }

    /// <summary>The header lines in order of appearance.</summary>
    public ReadOnlySpan<HeaderField> Headers
    {
        get
        {
            EnsureLive();
            return _headers.AsSpan(0, _headerCount);
        }
    }

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
    public int BodyOffset
    {
        get
        {
            EnsureLive();
            return _bodyOffset;
        }
    }

    public ReadOnlyMemory<byte> Body => Buffer.Slice(_bodyOffset, _bodyLength);

    public int ContentLength
    {
        get
        {
            EnsureLive();
            return _bodyLength;
        }
    }

    /// <summary>CSeq, parsed and validated with the message (RFC 3261 8.1.1.5).</summary>
    public CSeq CSeq
    {
        get
        {
            EnsureLive();
            return _cseq;
        }
    }

    /// <summary>Max-Forwards (0-255); null when absent (allowed in responses only).</summary>
    public int? MaxForwards
    {
        get
        {
            EnsureLive();
            return _maxForwards;
        }
    }

    /// <summary>The From tag's bytes, found while the parser validated From; empty when there is none.</summary>
    public ReadOnlySpan<byte> FromTagSpan => Buffer.Span[_fromTag];

    /// <summary>The To tag's bytes (RFC 3261 8.2.6.2), found by the parser; empty when there is none.</summary>
    public ReadOnlySpan<byte> ToTagSpan => Buffer.Span[_toTag];

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetValueSpan(HeaderId id)
    {
        // The receive path's common read (Call-ID, Event, Subscription-State...): straight from the
        // first-index table to the bytes, without copying the header entry.
        var index = IndexOf(id, 0);
        if (index < 0)
        {
            return default;
        }
        ref readonly var header = ref _headers[index];
        return _buffer.Span.Slice(header.ValueOffset, header.ValueLength);
    }

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(HeaderId id, int start)
    {
        EnsureLive();
        if (start == 0)
        {
            return (uint)id < HeaderIdSlots ? _firstIndex[(int)id] - 1 : -1;
        }
        return IndexAfter(id, start);
    }

    private int IndexAfter(HeaderId id, int start)
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
