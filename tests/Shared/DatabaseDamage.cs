using System.Buffers.Binary;

namespace Phone.TestSupport;

/// <summary>
/// The damage the recovery tests do to a real database file, as flash loss or a careless copy
/// would: random bytes instead of the file, the file cut at half, one page in the middle
/// overwritten, and a WAL file from another database put beside it. Seeded, so a failure repeats.
/// </summary>
public static class DatabaseDamage
{
    /// <summary>Replaces the file by <paramref name="count"/> random bytes (the 5,000).</summary>
    public static void RandomBytes(string database, int count = 5000)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(database, bytes);
    }

    /// <summary>Cuts the file at half its length.</summary>
    public static void CutAtHalf(string database)
    {
        using var stream = new FileStream(database, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(stream.Length / 2);
    }

    /// <summary>Overwrites page (page count / 2 + 1) with random bytes; returns its number (1-based).</summary>
    public static int OverwriteMiddlePage(string database)
    {
        using var stream = new FileStream(database, FileMode.Open, FileAccess.ReadWrite);
        var header = new byte[100];
        stream.ReadExactly(header);
        var raw = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16, 2));
        var pageSize = raw == 1 ? 65536 : raw;
        var pages = (int)(stream.Length / pageSize);
        var page = pages / 2 + 1;
        var noise = new byte[pageSize];
        new Random(11).NextBytes(noise);
        stream.Position = (long)(page - 1) * pageSize;
        stream.Write(noise);
        return page;
    }

    /// <summary>Puts <paramref name="foreignWal"/> beside <paramref name="database"/> as its WAL, and drops its index.</summary>
    public static void PutForeignWal(string database, string foreignWal)
    {
        File.Copy(foreignWal, database + "-wal", overwrite: true);
        File.Delete(database + "-shm");
    }

    /// <summary>The databases moved aside in <paramref name="directory"/> (<c>featuresync.db.damaged-*</c>, not their -wal and -shm).</summary>
    public static IReadOnlyList<string> DamagedFiles(string directory) =>
        Directory.GetFiles(directory, "featuresync.db.damaged-*")
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
}
