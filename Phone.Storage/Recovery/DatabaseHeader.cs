using System.Buffers.Binary;
using System.Globalization;

namespace Phone.Storage.Recovery;

/// <summary>
/// Reads the first 100 bytes of a database file, as laid out in the SQLite file format
/// (https://www.sqlite.org/fileformat2.html, 1.3 "The Database Header"), to refuse a file that
/// is not a database before SQLite is asked to open it.
/// </summary>
internal static class DatabaseHeader
{
    public const int Length = 100;

    // 1.3.1: every database starts with these 16 bytes.
    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    /// <summary>
    /// What is wrong with the file's header, or null when it is a plausible database. With
    /// <paramref name="walPending"/> the file may be shorter than its header says: a checkpoint
    /// cut off by a power loss is finished from the WAL.
    /// </summary>
    public static string? Check(string path, bool walPending)
    {
        var header = new byte[Length];
        long length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            length = stream.Length;
            if (length == 0)
            {
                return "the file is empty";
            }
            if (length < Length)
            {
                return $"the file holds {length.ToString(CultureInfo.InvariantCulture)} bytes, less than a database header";
            }
            stream.ReadExactly(header);
        }
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return "the file does not start with the SQLite header (\"SQLite format 3\")";
        }
        // 1.3.2: a power of two from 512 to 32768, or 1 for 65536.
        var raw = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16, 2));
        var pageSize = raw == 1 ? 65536 : raw;
        if (pageSize < 512 || !int.IsPow2(pageSize))
        {
            return $"the header gives a page size of {raw.ToString(CultureInfo.InvariantCulture)}";
        }
        if (length % pageSize != 0)
        {
            return $"the file's size, {length.ToString(CultureInfo.InvariantCulture)} bytes, is not a whole number of {pageSize.ToString(CultureInfo.InvariantCulture)}-byte pages";
        }
        // 1.3.7: the page count in the header is valid only when the change counter equals
        // the version-valid-for number; then a shorter file has lost its end.
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28, 4));
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24, 4));
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92, 4));
        if (!walPending && pages != 0 && changeCounter == validFor && (long)pages * pageSize > length)
        {
            return $"the header counts {pages.ToString(CultureInfo.InvariantCulture)} pages but the file holds {(length / pageSize).ToString(CultureInfo.InvariantCulture)}: it was cut short";
        }
        return null;
    }
}
