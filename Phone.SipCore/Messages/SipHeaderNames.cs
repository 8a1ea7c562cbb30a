using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Phone.SipCore.Messages;

/// <summary>
/// The header name table: long names, compact forms (RFC 3261 7.3.3 and the
/// extensions that registered one: RFC 3265 o/u, RFC 3515 r, RFC 3892 b, RFC 4028 x,
/// RFC 3841 a/j/d, RFC 4474 y/n), and which headers are comma-separated lists.
/// </summary>
public static class SipHeaderNames
{
    private readonly record struct Entry(HeaderId Id, string Name, char Compact, bool IsList, bool IsSingle);

    private static readonly Entry[] Entries =
    [
        new(HeaderId.Unknown, "", '\0', false, false),
        new(HeaderId.Via, "Via", 'v', true, false),
        new(HeaderId.From, "From", 'f', false, true),
        new(HeaderId.To, "To", 't', false, true),
        new(HeaderId.CallId, "Call-ID", 'i', false, true),
        new(HeaderId.CSeq, "CSeq", '\0', false, true),
        new(HeaderId.Contact, "Contact", 'm', true, false),
        new(HeaderId.MaxForwards, "Max-Forwards", '\0', false, true),
        new(HeaderId.ContentLength, "Content-Length", 'l', false, true),
        new(HeaderId.ContentType, "Content-Type", 'c', false, false),
        new(HeaderId.ContentEncoding, "Content-Encoding", 'e', true, false),
        new(HeaderId.ContentDisposition, "Content-Disposition", '\0', false, false),
        new(HeaderId.Expires, "Expires", '\0', false, false),
        new(HeaderId.MinExpires, "Min-Expires", '\0', false, false),
        new(HeaderId.Event, "Event", 'o', false, false),
        new(HeaderId.SubscriptionState, "Subscription-State", '\0', false, false),
        new(HeaderId.AllowEvents, "Allow-Events", 'u', true, false),
        new(HeaderId.RetryAfter, "Retry-After", '\0', false, false),
        new(HeaderId.WwwAuthenticate, "WWW-Authenticate", '\0', false, false),
        new(HeaderId.ProxyAuthenticate, "Proxy-Authenticate", '\0', false, false),
        new(HeaderId.Authorization, "Authorization", '\0', false, false),
        new(HeaderId.ProxyAuthorization, "Proxy-Authorization", '\0', false, false),
        new(HeaderId.Route, "Route", '\0', true, false),
        new(HeaderId.RecordRoute, "Record-Route", '\0', true, false),
        new(HeaderId.Subject, "Subject", 's', false, false),
        new(HeaderId.Supported, "Supported", 'k', true, false),
        new(HeaderId.Require, "Require", '\0', true, false),
        new(HeaderId.ProxyRequire, "Proxy-Require", '\0', true, false),
        new(HeaderId.Unsupported, "Unsupported", '\0', true, false),
        new(HeaderId.Allow, "Allow", '\0', true, false),
        new(HeaderId.Accept, "Accept", '\0', true, false),
        new(HeaderId.Date, "Date", '\0', false, false),
        new(HeaderId.Timestamp, "Timestamp", '\0', false, false),
        new(HeaderId.UserAgent, "User-Agent", '\0', false, false),
        new(HeaderId.Server, "Server", '\0', false, false),
        new(HeaderId.Warning, "Warning", '\0', true, false),
        new(HeaderId.ReferTo, "Refer-To", 'r', false, false),
        new(HeaderId.ReferredBy, "Referred-By", 'b', false, false),
        new(HeaderId.SessionExpires, "Session-Expires", 'x', false, false),
        new(HeaderId.AcceptContact, "Accept-Contact", 'a', true, false),
        new(HeaderId.RejectContact, "Reject-Contact", 'j', true, false),
        new(HeaderId.RequestDisposition, "Request-Disposition", 'd', true, false),
        new(HeaderId.Identity, "Identity", 'y', false, false),
        new(HeaderId.IdentityInfo, "Identity-Info", 'n', false, false),
    ];

    // Indexed by lower-case ASCII letter; built once so a compact name costs one array read.
    private static readonly HeaderId[] CompactTable = BuildCompactTable();

    // Every long name's lower-cased key (NameKey: head and tail words, plus the middle word for names
    // over 16 bytes) in a perfect hash table: no two names share a slot, so a lookup is one multiply,
    // one slot and a compare of the whole key and the length, with no loop over candidates.
    private const int HashBits = 8;
    private const int MaxNameLength = 3 * sizeof(ulong); // the three key words cover every byte up to here

    private readonly record struct HashEntry(ulong Head, ulong Tail, ulong Middle, int Length, HeaderId Id);

    private static readonly (HashEntry[] Slots, ulong Multiplier) NameHash = BuildNameHash();

    /// <summary>Resolves a header name (long or compact, any case) to its id; Unknown if not in the table.</summary>
    public static HeaderId Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c is >= 'a' and <= 'z' ? CompactTable[c - 'a'] : HeaderId.Unknown;
        }
        if (name.Length is < 2 or > MaxNameLength)
        {
            return HeaderId.Unknown;
        }
        var head = NameKey(name, out var tail);
        return Find(head, tail, MiddleKey(name), name.Length);
    }

    /// <summary>
    /// Resolves the name at <paramref name="start"/> of <paramref name="length"/> bytes inside a longer
    /// buffer (a header line). A name under 8 bytes is keyed by one 8-byte read masked to its length
    /// when the buffer holds 8 bytes from its start (the line goes on past the name), instead of a
    /// byte loop, and a longer one by its words read in place: the same key, so the same exact
    /// case-insensitive match as <see cref="Lookup(ReadOnlySpan{byte})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per header line: the call cost as much as the lookup
    internal static HeaderId Lookup(ReadOnlySpan<byte> buffer, int start, int length)
    {
        if (length is < 2 or > MaxNameLength || buffer.Length - start < sizeof(ulong))
        {
            return Lookup(buffer.Slice(start, length));
        }
        var head = BinaryPrimitives.ReadUInt64LittleEndian(buffer[start..]) | LowerMask;
        if (length < sizeof(ulong))
        {
            return Find(head & (ulong.MaxValue >> (8 * (sizeof(ulong) - length))), 0, 0, length);
        }
        // The same words NameKey and MiddleKey read, straight from the buffer: a third of the
        // phone's header names (Content-Length, Max-Forwards, Subscription-State...) are 8 or longer.
        var tail = BinaryPrimitives.ReadUInt64LittleEndian(buffer[(start + length - sizeof(ulong))..]) | LowerMask;
        var middle = length > 2 * sizeof(ulong) ? BinaryPrimitives.ReadUInt64LittleEndian(buffer[(start + sizeof(ulong))..]) | LowerMask : 0;
        return Find(head, tail, middle, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HeaderId Find(ulong head, ulong tail, ulong middle, int length)
    {
        var (slots, multiplier) = NameHash;
        var entry = slots[Slot(head, tail, multiplier)];
        return entry.Head == head && entry.Tail == tail && entry.Middle == middle && entry.Length == length ? entry.Id : HeaderId.Unknown;
    }

    private static int Slot(ulong head, ulong tail, ulong multiplier) =>
        (int)(((head ^ BitOperations.RotateLeft(tail, 29)) * multiplier) >> (64 - HashBits));

    // Lower-cases by setting bit 0x20 on every byte: that maps letters to lower case and leaves
    // every other token character (RFC 3261 25.1) unchanged or outside the names' alphabet ('_'
    // becomes DEL), so equal keys mean equal names ignoring case. Names up to 8 bytes are packed
    // into head (tail 0); longer ones are their first 8 bytes (head) and last 8 bytes (tail),
    // which overlap for 9-15 bytes and cover every byte up to 16; longer names (Subscription-State,
    // Request-Disposition...) add bytes 8-15 as a middle word, so the key covers every byte up to 24.
    private const ulong LowerMask = 0x2020_2020_2020_2020;

    // Bytes 8-15 of a name over 16 bytes (head and tail cover the rest); 0 for shorter names.
    private static ulong MiddleKey(ReadOnlySpan<byte> name) =>
        name.Length > 2 * sizeof(ulong) ? BinaryPrimitives.ReadUInt64LittleEndian(name[sizeof(ulong)..]) | LowerMask : 0;

    private static ulong NameKey(ReadOnlySpan<byte> name, out ulong tail)
    {
        if (name.Length >= sizeof(ulong))
        {
            tail = BinaryPrimitives.ReadUInt64LittleEndian(name[^sizeof(ulong)..]) | LowerMask;
            return BinaryPrimitives.ReadUInt64LittleEndian(name) | LowerMask;
        }
        ulong head = 0;
        for (var i = 0; i < name.Length; i++)
        {
            head |= (ulong)(name[i] | 0x20) << (8 * i);
        }
        tail = 0;
        return head;
    }

    /// <summary>Resolves a header name given as text.</summary>
    public static HeaderId Lookup(string name)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (name.Length > buffer.Length || !Ascii.IsValid(name))
        {
            return HeaderId.Unknown;
        }
        var written = Encoding.ASCII.GetBytes(name, buffer);
        return Lookup(buffer[..written]);
    }

    /// <summary>The canonical long name, e.g. "Call-ID"; empty for Unknown.</summary>
    public static string GetLongName(HeaderId id) => Entries[(int)id].Name;

    /// <summary>The compact form letter, or null when the header has none.</summary>
    public static char? GetCompactForm(HeaderId id) => Entries[(int)id].Compact == '\0' ? null : Entries[(int)id].Compact;

    /// <summary>
    /// True when several values may share one line separated by commas
    /// (RFC 3261 7.3.1: only headers whose grammar is a comma list).
    /// </summary>
    public static bool IsList(HeaderId id) => Entries[(int)id].IsList;

    /// <summary>True when a message may carry the header at most once (RFC 4475 3.3.8, 3.3.9).</summary>
    public static bool IsSingle(HeaderId id) => Entries[(int)id].IsSingle;

    private static HeaderId[] BuildCompactTable()
    {
        var table = new HeaderId[26];
        foreach (var entry in Entries)
        {
            if (entry.Compact != '\0')
            {
                table[entry.Compact - 'a'] = entry.Id;
            }
        }
        return table;
    }

    // Tries multipliers from a fixed sequence (odd, so the multiply is a bijection) until every long
    // name lands in its own slot; the names are fixed, so this ends at the same multiplier every start.
    private static (HashEntry[], ulong) BuildNameHash()
    {
        var keys = Entries.Where(e => e.Id != HeaderId.Unknown).Select(e =>
        {
            var lower = Encoding.ASCII.GetBytes(e.Name.ToLowerInvariant());
            var head = NameKey(lower, out var tail);
            return new HashEntry(head, tail, MiddleKey(lower), lower.Length, e.Id);
        }).ToArray();
        var state = 0x9E37_79B9_7F4A_7C15UL;
        while (true)
        {
            state += 0x9E37_79B9_7F4A_7C15UL;
            var multiplier = (state ^ (state >> 31)) | 1;
            var slots = new HashEntry[1 << HashBits];
            var collided = false;
            foreach (var key in keys)
            {
                ref var slot = ref slots[Slot(key.Head, key.Tail, multiplier)];
                collided = slot.Id != HeaderId.Unknown;
                if (collided)
                {
                    break;
                }
                slot = key;
            }
            if (!collided)
            {
                return (slots, multiplier);
            }
        }
    }
}
