using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Character classes and small scanners from the RFC 3261 section 25 grammar.
/// Header values handed to these helpers are single header fields, so CR and LF
/// inside them can only be line folds and are treated as whitespace (7.3.1).
/// </summary>
internal static class SipLexer
{
    public const byte Sp = (byte)' ';
    public const byte Tab = (byte)'\t';
    public const byte Cr = (byte)'\r';
    public const byte Lf = (byte)'\n';

    private const string AlphaNum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // RFC 3261 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    public static readonly ByteSet TokenChars = new ByteSet(CharClass.Token);

    public static readonly ByteSet WhiteChars = new ByteSet(CharClass.White);

    /// <summary>Builds a byte set of alphanumerics plus <paramref name="extra"/>.</summary>
    public static ByteSet AlphaNumPlus(string extra) => new ByteSet(Encoding.ASCII.GetBytes(AlphaNum + extra));

    public static bool IsToken(byte b) => CharClasses.Is(b, CharClass.Token);

    public static bool IsAlphaNum(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9;

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // see HeaderScanner: without dynamic PGO the JIT left this a call
    public static bool IsWhite(byte b) => b is Sp or Tab or Cr or Lf;

    /// <summary>A range found inside a slice, moved by the slice's start; the empty default stays empty ("not found").</summary>
    /// <remarks>Inlined: the parser calls it for every From and To tag, and as a call it was about 2 % of
    /// a parse. The ranges here count from the start (never from the end), so their values compare
    /// and add as plain offsets.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Range Offset(Range inSlice, int sliceStart)
    {
        var (start, end) = (inSlice.Start.Value, inSlice.End.Value);
        return start == 0 && end == 0 ? default : new Range(start + sliceStart, end + sliceStart);
    }

    /// <summary>
    /// Index of the first LF at or after <paramref name="from"/>; -1 if none. The header scan asks
    /// once per line, so the search is inline, 32 bytes per compare while 32 remain (a header line is
    /// 10-80 bytes, and the body or the next lines follow), without the library search's call and
    /// size dispatch per line; the library search takes the last bytes of the buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOfLf(ReadOnlySpan<byte> s, int from)
    {
        var i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(s);
            var lf = Vector256.Create(Lf);
            while (s.Length - i >= Vector256<byte>.Count)
            {
                var hits = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), lf).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(hits);
                }
                i += Vector256<byte>.Count;
            }
        }
        var rest = s[i..].IndexOf(Lf);
        return rest < 0 ? -1 : i + rest;
    }

    /// <summary>
    /// Index of the first <paramref name="value"/>; -1 if none. A plain loop: the spans the grammar
    /// searches (a URI, a scheme, a port) are 2-40 bytes, where the vectorized search's setup costs more
    /// than it saves (docs/performance.md "Parser").
    /// </summary>
    public static int IndexOfShort(ReadOnlySpan<byte> s, byte value)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Index of the first <paramref name="a"/> or <paramref name="b"/>; -1 if none (see <see cref="IndexOfShort(ReadOnlySpan{byte}, byte)"/>).</summary>
    public static int IndexOfShort(ReadOnlySpan<byte> s, byte a, byte b)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == a || s[i] == b)
            {
                return i;
            }
        }
        return -1;
    }

    public static bool IsTokenSpan(ReadOnlySpan<byte> s) => !s.IsEmpty && CharClasses.Skip(s, 0, CharClass.Token) == s.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhite(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && IsWhite(s[i]))
        {
            i++;
        }
        return i;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsWhite(s[start]))
        {
            start++;
        }
        while (end > start && IsWhite(s[end - 1]))
        {
            end--;
        }
        return s[start..end];
    }

    /// <summary>Digits only, no sign; false on overflow past <paramref name="max"/> (RFC 4475 3.1.2.4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // Content-Length, Max-Forwards and CSeq of every message
    public static bool TryParseUInt(ReadOnlySpan<byte> s, ulong max, out uint value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 20)
        {
            return false;
        }
        ulong acc = 0;
        foreach (var b in s)
        {
            if (!IsDigit(b))
            {
                return false;
            }
            acc = acc * 10 + (uint)(b - '0');
            if (acc > max)
            {
                return false;
            }
        }
        value = (uint)acc;
        return true;
    }

    /// <summary>
    /// Index just past the closing quote of the quoted-string starting at <paramref name="start"/>,
    /// honouring quoted-pair escapes (RFC 3261 25.1); -1 if unterminated.
    /// </summary>
    public static int SkipQuoted(ReadOnlySpan<byte> s, int start)
    {
        for (var i = start + 1; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == '"')
            {
                return i + 1;
            }
        }
        return -1;
    }

    /// <summary>
    /// First index of <paramref name="target"/> at or after <paramref name="start"/> that is outside
    /// quoted strings and angle brackets; -1 if none; -2 if quotes or brackets are unbalanced.
    /// </summary>
    public static int IndexOfUnquoted(ReadOnlySpan<byte> s, byte target, int start)
    {
        var i = start;
        while (i < s.Length)
        {
            // Jump straight to the next byte that matters.
            var found = s[i..].IndexOfAny(target, (byte)'"', (byte)'<');
            if (found < 0)
            {
                return -1;
            }
            var next = i + found;
            var b = s[next];
            if (b == '"')
            {
                var end = SkipQuoted(s, next);
                if (end < 0)
                {
                    return -2;
                }
                i = end;
            }
            else if (b == '<' && target != '<')
            {
                // Inside <...> nothing separates (RFC 3261 7.3.1), quotes included.
                var close = s[(next + 1)..].IndexOf((byte)'>');
                if (close < 0)
                {
                    return -2;
                }
                i = next + 1 + close + 1;
            }
            else
            {
                return next;
            }
        }
        return -1;
    }

    /// <summary>The content of a quoted string (without its quotes), escapes resolved.</summary>
    public static string Unquote(ReadOnlySpan<byte> inner)
    {
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return Decode(inner);
        }
        var buffer = new byte[inner.Length];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }
            buffer[n++] = inner[i];
        }
        return Decode(buffer.AsSpan(0, n));
    }

    /// <summary>
    /// UTF-8 text of a header value with each fold (CRLF plus whitespace) replaced by one
    /// space, as RFC 3261 7.3.1 says a folded value means the same as the unfolded one.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> s)
    {
        if (s.IndexOfAny(Cr, Lf) < 0)
        {
            return Encoding.UTF8.GetString(s);
        }
        var buffer = new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is Cr or Lf)
            {
                while (n > 0 && buffer[n - 1] is Sp or Tab)
                {
                    n--;
                }
                while (i + 1 < s.Length && IsWhite(s[i + 1]))
                {
                    i++;
                }
                buffer[n++] = Sp;
            }
            else
            {
                buffer[n++] = s[i];
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
