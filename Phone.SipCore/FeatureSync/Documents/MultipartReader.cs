using System.Text;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Splits a <c>multipart/mixed</c> body (RFC 2046 5.1.1) into parts. Part headers such as
/// Content-Length and Content-ID are allowed and only Content-Type is kept; bare LF line ends
/// are tolerated because some servers write them.
/// </summary>
public static class MultipartReader
{
    /// <summary>More parts than any real full-state NOTIFY carries; stops a part flood.</summary>
    public const int MaxParts = 32;

    public static bool TryRead(ReadOnlySpan<byte> body, string boundary, out List<MultipartPart> parts, out string? error)
    {
        parts = [];
        error = null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            error = "multipart body without a valid boundary parameter";
            return false;
        }
        var owned = body.ToArray();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var position = FindDelimiter(owned, delimiter, 0);
        if (position < 0)
        {
            error = $"boundary '{boundary}' does not occur in the body";
            return false;
        }
        while (true)
        {
            var afterDelimiter = position + delimiter.Length;
            if (afterDelimiter + 1 < owned.Length && owned[afterDelimiter] == '-' && owned[afterDelimiter + 1] == '-')
            {
                return true; // close delimiter: the epilogue is ignored
            }
            var partStart = SkipLine(owned, afterDelimiter);
            var next = FindDelimiter(owned, delimiter, partStart);
            if (next < 0)
            {
                error = "multipart body ends without its closing boundary";
                return false;
            }
            if (parts.Count == MaxParts)
            {
                error = $"more than {MaxParts} parts";
                return false;
            }
            // The line break before the next delimiter belongs to the delimiter (RFC 2046).
            var partEnd = next;
            if (partEnd > partStart && owned[partEnd - 1] == '\n')
            {
                partEnd--;
                if (partEnd > partStart && owned[partEnd - 1] == '\r')
                {
                    partEnd--;
                }
            }
            parts.Add(ReadPart(owned.AsMemory(partStart, Math.Max(0, partEnd - partStart))));
            position = next;
        }
    }

    /// <summary>Finds the delimiter at the start of a line (or of the body).</summary>
    private static int FindDelimiter(byte[] data, byte[] delimiter, int from)
    {
        while (from <= data.Length - delimiter.Length)
        {
            var index = data.AsSpan(from).IndexOf(delimiter);
            if (index < 0)
            {
                return -1;
            }
            var at = from + index;
            if (at == 0 || data[at - 1] == '\n')
            {
                return at;
            }
            from = at + 1;
        }
        return -1;
    }

    private static int SkipLine(byte[] data, int from)
    {
        var newline = data.AsSpan(from).IndexOf((byte)'\n');
        return newline < 0 ? data.Length : from + newline + 1;
    }

    private static MultipartPart ReadPart(ReadOnlyMemory<byte> part)
    {
        string? contentType = null;
        var span = part.Span;
        var offset = 0;
        while (offset < span.Length)
        {
            var newline = span[offset..].IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? span.Length : offset + newline;
            var line = span[offset..lineEnd];
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }
            offset = newline < 0 ? span.Length : lineEnd + 1;
            if (line.Length == 0)
            {
                return new MultipartPart(contentType, part[offset..]);
            }
            var colon = line.IndexOf((byte)':');
            if (colon < 0 || line[0] == '<')
            {
                // No header block at all: the part is content only (seen from minimal servers).
                return new MultipartPart(null, part);
            }
            var name = Encoding.ASCII.GetString(line[..colon]).Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("c", StringComparison.OrdinalIgnoreCase))
            {
                contentType = Encoding.ASCII.GetString(line[(colon + 1)..]).Trim();
            }
        }
        return new MultipartPart(contentType, ReadOnlyMemory<byte>.Empty);
    }
}
