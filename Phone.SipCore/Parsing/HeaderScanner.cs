using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Finds header lines (RFC 3261 7.3): name, HCOLON, value up to a CRLF that is not followed
/// by whitespace (a fold, 7.3.1). Stores offsets in the header table of the pooled message
/// being parsed, growing it (once, kept by the message) only for unusually long messages,
/// and records in the message's first-index table where each header id first appears, so
/// the validator and every later read find a header without walking the list.
/// </summary>
/// <remarks>
/// One pass per line (docs/performance.md "Parser"): the name is walked once with the token
/// table, its lookup key is read straight from the buffer, and the value's end is the one
/// vectorized search for LF; nothing walks the line again.
/// <para>
/// The phone runs without dynamic PGO (Phone.Web.csproj: its instrumented tier cost the NOTIFY
/// storm a third more CPU), so the JIT inlines by its static rules alone, and in this loop it kept
/// <see cref="SipLexer.IsWhite"/>, the table's append, the duplicate check and
/// <see cref="FindLineEnd"/> as calls: a parse-and-read took 440-480 ns where the same code with
/// PGO took 270-290. Those helpers are inlined (the append and the duplicate check written into
/// the loop), and their error paths are calls instead (docs/performance.md, "Parser").
/// </para>
/// <para>
/// The loop keeps the table, the line count and the Via count in locals and stores them once at
/// the end: as this struct's fields they were a load and a store in memory on every line.
/// </para>
/// </remarks>
internal ref struct HeaderScanner
{
    private HeaderField[] _fields;
    private readonly Span<ushort> _first;
    private int _count;

    /// <param name="table">The message's header table (filled in place).</param>
    /// <param name="first">The message's first-index table: index + 1 per header id, 0 when absent; cleared here.</param>
    public HeaderScanner(HeaderField[] table, Span<ushort> first)
    {
        _fields = table;
        _first = first;
        _first.Clear();
        BodyOffset = 0;
        ViaCount = 0;
    }

    public int BodyOffset { get; private set; }

    public readonly int ContentLengthIndex => First(HeaderId.ContentLength);

    public readonly int CSeqIndex => First(HeaderId.CSeq);

    public readonly int CallIdIndex => First(HeaderId.CallId);

    public readonly int FromIndex => First(HeaderId.From);

    public readonly int ToIndex => First(HeaderId.To);

    public readonly int MaxForwardsIndex => First(HeaderId.MaxForwards);

    public int ViaCount { get; private set; }

    public readonly int Count => _count;

    public readonly HeaderField Get(int index) => _fields[index];

    /// <summary>Index of the first header with this id; -1 when there is none.</summary>
    public readonly int First(HeaderId id) => _first[(int)id] - 1;

    /// <summary>The table holding the fields: the one given, or a larger one if it had to grow.</summary>
    public readonly HeaderField[] Table => _fields;

    public SipParseError Scan(ReadOnlySpan<byte> s, int pos, out string reason)
    {
        // Locals while the lines are read, stored once at the end (see the remarks above).
        var fields = _fields;
        var count = 0;
        var viaCount = 0;
        var firstIndex = _first;
        SipParseError error;
        reason = "";
        while (true)
        {
            if ((uint)pos >= (uint)s.Length)
            {
                reason = "no empty line ends the headers";
                error = SipParseError.IncompleteHeaders;
                break;
            }
            var lead = s[pos];
            if (lead == SipLexer.Lf || (lead == SipLexer.Cr && pos + 1 < s.Length && s[pos + 1] == SipLexer.Lf))
            {
                BodyOffset = pos + (lead == SipLexer.Lf ? 1 : 2);
                error = SipParseError.None;
                break;
            }
            var lineStart = pos;
            if (!TryWindow(s, lineStart, out var id, out var nameEnd, out pos, out var lf))
            {
                pos = CharClasses.Skip(s, lineStart, CharClass.Token);
                nameEnd = pos;
                // HCOLON = *( SP / HTAB ) ":" SWS
                while (pos < s.Length && s[pos] is SipLexer.Sp or SipLexer.Tab)
                {
                    pos++;
                }
                if (nameEnd == lineStart || pos >= s.Length || s[pos] != ':')
                {
                    error = NoNameError(s, lineStart, out reason);
                    break;
                }
                id = SipHeaderNames.Lookup(s, lineStart, nameEnd - lineStart);
                pos++;
                lf = FindLineEnd(s, pos);
            }
            if (lf < 0)
            {
                reason = "no empty line ends the headers";
                error = SipParseError.IncompleteHeaders;
                break;
            }
            // Usually one SP after the colon, and a CR after a non-white byte before the LF: those
            // bytes are checked first, and only other lines walk the whitespace.
            var valueStart = pos + 1 < lf && s[pos] == SipLexer.Sp && !SipLexer.IsWhite(s[pos + 1]) ? pos + 1 : SipLexer.SkipWhite(s, pos);
            int valueEnd;
            if (lf - 2 > valueStart && s[lf - 1] == SipLexer.Cr && !SipLexer.IsWhite(s[lf - 2]))
            {
                valueEnd = lf - 1;
            }
            else
            {
                valueEnd = lf;
                while (valueEnd > valueStart && SipLexer.IsWhite(s[valueEnd - 1]))
                {
                    valueEnd--;
                }
                valueStart = Math.Min(valueStart, valueEnd);
            }
            if (count >= SipParser.MaxHeaders)
            {
                error = TooManyError(out reason);
                break;
            }
            // The first-index table doubles as the duplicate check: a header that may appear once
            // (RFC 4475 3.3.8, 3.3.9) and already has an entry is refused.
            ref var slot = ref firstIndex[(int)id];
            if (slot == 0)
            {
                slot = (ushort)(count + 1);
            }
            else if (((SingleIds >> (int)id) & 1) != 0)
            {
                error = DuplicateError(id, out reason);
                break;
            }
            if (id == HeaderId.Via)
            {
                viaCount++;
            }
            if (count == fields.Length)
            {
                fields = Grown(fields);
            }
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(fields), count++) =
                new HeaderField(id, lineStart, lf + 1 - lineStart, lineStart, nameEnd - lineStart, valueStart, valueEnd - valueStart);
            pos = lf + 1;
        }
        _fields = fields;
        _count = count;
        ViaCount = viaCount;
        return error;
    }

    /// <summary>
    /// The usual header line from one 32-byte window at its start: a known name, optional SP/HTAB, the
    /// colon inside the window with no CR or LF before it. The window's compares give the colon and,
    /// for a short line, the line end too, instead of a byte loop over the name and a second search
    /// for the LF. A name the table knows is a token whatever its case, except that the table's
    /// case folding (OR 0x20) also maps CR to '-': a CR before the colon sends the line to the
    /// byte-by-byte path, as does anything else (an unknown name, whose token check and error
    /// message that path gives; a line near the end of the buffer; a colon past the window).
    /// </summary>
    /// <returns>True with the name's <paramref name="id"/> and end, the position after the colon and the line's LF (or -1 when the headers end first).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryWindow(ReadOnlySpan<byte> s, int lineStart, out HeaderId id, out int nameEnd, out int afterColon, out int lf)
    {
        id = HeaderId.Unknown;
        nameEnd = afterColon = lineStart;
        lf = -1;
        if (!Vector256.IsHardwareAccelerated || s.Length - lineStart < Vector256<byte>.Count)
        {
            return false;
        }
        var window = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)lineStart);
        var colons = Vector256.Equals(window, Vector256.Create((byte)':')).ExtractMostSignificantBits();
        if (colons == 0)
        {
            return false;
        }
        var lineEnds = Vector256.Equals(window, Vector256.Create(SipLexer.Lf)).ExtractMostSignificantBits();
        var crs = Vector256.Equals(window, Vector256.Create(SipLexer.Cr)).ExtractMostSignificantBits();
        var colon = BitOperations.TrailingZeroCount(colons);
        if (((lineEnds | crs) & ((1u << colon) - 1)) != 0)
        {
            return false;
        }
        nameEnd = lineStart + colon;
        while (nameEnd > lineStart && s[nameEnd - 1] is SipLexer.Sp or SipLexer.Tab)
        {
            nameEnd--;
        }
        if (nameEnd == lineStart)
        {
            return false;
        }
        id = SipHeaderNames.Lookup(s, lineStart, nameEnd - lineStart);
        if (id == HeaderId.Unknown)
        {
            return false;
        }
        afterColon = lineStart + colon + 1;
        var later = (ulong)lineEnds >> (colon + 1); // colon + 1 <= 32: a ulong shift, never masked to 0
        lf = later != 0 ? afterColon + BitOperations.TrailingZeroCount(later) : -1;
        if (lf < 0)
        {
            lf = FindLineEnd(s, lineStart + Vector256<byte>.Count);
        }
        else if (lf + 1 < s.Length && s[lf + 1] is SipLexer.Sp or SipLexer.Tab)
        {
            lf = FindLineEnd(s, lf + 1); // a folded line goes on (RFC 3261 7.3.1)
        }
        return true;
    }

    // The LF ending the header line that continues at from: the first LF not followed by SP or HTAB
    // (those are folds, RFC 3261 7.3.1); -1 when the headers end before one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindLineEnd(ReadOnlySpan<byte> s, int from)
    {
        while (true)
        {
            var lf = SipLexer.IndexOfLf(s, from);
            if (lf < 0)
            {
                return -1;
            }
            if (lf + 1 < s.Length && s[lf + 1] is SipLexer.Sp or SipLexer.Tab)
            {
                from = lf + 1; // folded continuation line
                continue;
            }
            return lf;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SipParseError NoNameError(ReadOnlySpan<byte> s, int lineStart, out string reason)
    {
        var end = s[lineStart..].IndexOfAny(SipLexer.Cr, SipLexer.Lf);
        var line = s.Slice(lineStart, end < 0 ? Math.Min(40, s.Length - lineStart) : Math.Min(end, 40));
        reason = $"header line '{Encoding.UTF8.GetString(line)}' has no 'name:' start";
        return SipParseError.MalformedHeader;
    }

    // The error paths are calls: formatting a reason inline would sit in the hot loop's code.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SipParseError DuplicateError(HeaderId id, out string reason)
    {
        reason = $"{SipHeaderNames.GetLongName(id)} appears more than once";
        return SipParseError.DuplicateHeader;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SipParseError TooManyError(out string reason)
    {
        reason = $"more than {SipParser.MaxHeaders} header lines";
        return SipParseError.TooManyHeaders;
    }

    // The ids SipHeaderNames.IsSingle names, as bits, so the duplicate check is a shift (HeaderId < 64).
    private static readonly ulong SingleIds = Enum.GetValues<HeaderId>().Where(SipHeaderNames.IsSingle)
        .Aggregate(0UL, (bits, id) => bits | (1UL << (int)id));

    // A message with more lines than the pooled table holds: twice the room, kept by the message.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static HeaderField[] Grown(HeaderField[] fields)
    {
        var grown = new HeaderField[fields.Length * 2];
        fields.CopyTo(grown);
        return grown;
    }
}
