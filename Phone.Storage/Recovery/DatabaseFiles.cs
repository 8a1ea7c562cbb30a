using System.Globalization;

namespace Phone.Storage.Recovery;

/// <summary>
/// The names of the database's files in the data folder: the database with its WAL and
/// shared-memory index, the two last good copies, the damaged files moved aside, and a
/// scratch folder where files are checked without touching the originals.
/// </summary>
public sealed class DatabaseFiles
{
    /// <summary>How many last good copies are kept (<c>.good-1</c> newest, <c>.good-2</c> the one before).</summary>
    public const int GoodCopyCount = 2;

    public DatabaseFiles(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        Database = Path.Combine(DataDirectory, PhoneDatabase.FileName);
    }

    public string DataDirectory { get; }

    public string Database { get; }

    public string Wal => Database + "-wal";

    public string Shm => Database + "-shm";

    /// <summary>Where checks copy files to and backups are made before they are verified.</summary>
    public string Scratch => Database + ".check";

    /// <summary>The good copy number <paramref name="n"/> (1 = newest).</summary>
    public string GoodCopy(int n) => $"{Database}.good-{n.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The name a damaged database is moved to, e.g. <c>featuresync.db.damaged-20261201T171500Z</c>;
    /// its -wal and -shm keep their suffix after it. A second move in the same second gets a number.
    /// </summary>
    public string DamagedName(DateTimeOffset at)
    {
        var stem = $"{Database}.damaged-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        var name = stem;
        for (var i = 2; File.Exists(name) || File.Exists(name + "-wal"); i++)
        {
            name = $"{stem}-{i.ToString(CultureInfo.InvariantCulture)}";
        }
        return name;
    }
}
