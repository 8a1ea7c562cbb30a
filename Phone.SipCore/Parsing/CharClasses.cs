using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Phone.SipCore.Parsing;

/// <summary>The character classes the hot parsing loops test, one bit each in <see cref="CharClasses"/>.</summary>
[Flags]
internal enum CharClass : byte
{
    /// <summary>RFC 3261 25.1 token.</summary>
    Token = 1 << 0,
    /// <summary>SP, HTAB, CR, LF (CR and LF only as folds inside one header field).</summary>
    White = 1 << 1,
    /// <summary>hostname and IPv4 characters (alphanum, "-", ".").</summary>
    Host = 1 << 2,
    /// <summary>DIGIT.</summary>
    Digit = 1 << 3,
    /// <summary>paramchar of a URI parameter, "%" included (RFC 3261 19.1.1).</summary>
    UriParam = 1 << 4,
    /// <summary>gen-value written as a token or host (RFC 3261 25.1, RFC 5118 4.5).</summary>
    HeaderValue = 1 << 5,
    /// <summary>URI user characters without the "%" of an escape.</summary>
    UserPlain = 1 << 6,
}

/// <summary>
/// One 256-entry table of <see cref="CharClass"/> bits, compiled into the assembly's data (no static
/// constructor, no array object), so a class test is one load and one AND. The parser's hot loops
/// (header names, Via, parameters) use it instead of separate <see cref="ByteSet"/>s; CharClassTests
/// holds every bit to the grammar's character lists in <see cref="SipLexer"/> and the parsers.
/// </summary>
internal static class CharClasses
{
    private static ReadOnlySpan<byte> Table =>
    [
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x02, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x02, 0x71, 0x00, 0x00, 0x50, 0x31, 0x50, 0x71, 0x50, 0x50, 0x71, 0x71, 0x40, 0x75, 0x75, 0x50,
        0x7D, 0x7D, 0x7D, 0x7D, 0x7D, 0x7D, 0x7D, 0x7D, 0x7D, 0x7D, 0x30, 0x40, 0x00, 0x40, 0x00, 0x40,
        0x00, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75,
        0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x30, 0x00, 0x30, 0x00, 0x71,
        0x21, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75,
        0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x75, 0x00, 0x00, 0x00, 0x71, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(byte b, CharClass c) =>
        (Unsafe.Add(ref MemoryMarshal.GetReference(Table), (nint)b) & (byte)c) != 0;

    /// <summary>Index of the first byte at or after <paramref name="i"/> not in class <paramref name="c"/>; s.Length when all are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Skip(ReadOnlySpan<byte> s, int i, CharClass c)
    {
        ref var table = ref MemoryMarshal.GetReference(Table);
        while ((uint)i < (uint)s.Length && (Unsafe.Add(ref table, (nint)s[i]) & (byte)c) != 0)
        {
            i++;
        }
        return i;
    }

    /// <summary>
    /// <see cref="Skip"/> over <see cref="CharClass.HeaderValue"/>, for values that are often long
    /// (a Via branch, 20-40 bytes): the first bytes one by one, then, while 16 or more remain, the
    /// library's vectorized search for the first byte outside the class.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipHeaderValue(ReadOnlySpan<byte> s, int i)
    {
        const int ByteByByte = 8;
        var stop = Math.Min(s.Length, i + ByteByByte);
        ref var table = ref MemoryMarshal.GetReference(Table);
        while (i < stop && (Unsafe.Add(ref table, (nint)s[i]) & (byte)CharClass.HeaderValue) != 0)
        {
            i++;
        }
        if (i < stop || s.Length - i < 16)
        {
            return i < stop ? i : Skip(s, i, CharClass.HeaderValue);
        }
        var outside = s[i..].IndexOfAnyExcept(HeaderValueMembers);
        return outside < 0 ? s.Length : i + outside;
    }

    private static readonly SearchValues<byte> HeaderValueMembers = SearchValues.Create(Members(CharClass.HeaderValue));

    private static byte[] Members(CharClass c)
    {
        var members = new List<byte>();
        for (var b = 0; b < 256; b++)
        {
            if (Is((byte)b, c))
            {
                members.Add((byte)b);
            }
        }
        return members.ToArray();
    }
}
