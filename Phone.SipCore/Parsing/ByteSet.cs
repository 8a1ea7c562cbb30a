using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Phone.SipCore.Parsing;

/// <summary>
/// A set of byte values as a 256-entry table. SIP tokens and URI parts are short (mostly
/// under 32 bytes), where a table lookup per byte beats vectorized searches with their
/// setup cost and virtual dispatch.
/// </summary>
internal sealed class ByteSet
{
    // Exactly 256 entries, so any byte indexes it: the lookups below skip the bounds check the JIT
    // cannot drop on its own (measured on the parser's hot loops, docs/performance.md).
    private readonly bool[] _member = new bool[256];

    public ByteSet(ReadOnlySpan<byte> members)
    {
        foreach (var b in members)
        {
            _member[b] = true;
        }
    }

    /// <summary>The bytes of one class of the parser's table (<see cref="CharClasses"/>).</summary>
    public ByteSet(CharClass members)
    {
        for (var b = 0; b < 256; b++)
        {
            _member[b] = CharClasses.Is((byte)b, members);
        }
    }

    public bool Contains(byte b) => Member(_member, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Member(bool[] table, byte b) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), b);

    /// <summary>Index of the first byte not in the set; -1 when all are.</summary>
    public int IndexOfAnyExcept(ReadOnlySpan<byte> s)
    {
        var member = _member;
        for (var i = 0; i < s.Length; i++)
        {
            if (!Member(member, s[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// True when every byte is in the set and each "%" starts a "%" HEXDIG HEXDIG escape
    /// (RFC 3261 25.1 escaped), checked in the same pass.
    /// </summary>
    public bool AllWithEscapes(ReadOnlySpan<byte> s)
    {
        var member = _member;
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if (!Member(member, b))
            {
                return false;
            }
            if (b == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit((char)s[i + 1]) || !char.IsAsciiHexDigit((char)s[i + 2]))
                {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    /// <summary>Index of the first byte in the set; -1 when none is.</summary>
    public int IndexOfAny(ReadOnlySpan<byte> s)
    {
        var member = _member;
        for (var i = 0; i < s.Length; i++)
        {
            if (Member(member, s[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
