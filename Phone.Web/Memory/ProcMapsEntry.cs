using System.Globalization;

namespace Phone.Web.Memory;

/// <summary>
/// One line of <c>/proc/&lt;pid&gt;/maps</c> (proc(5)): an address range, its permissions and what
/// is mapped there. Only what <see cref="FilePageRelease"/> needs is kept.
/// </summary>
internal readonly record struct ProcMapsEntry(ulong Start, ulong End, string Permissions, string Path)
{
    public ulong Length => End - Start;

    /// <summary>
    /// A mapping of a file on disk whose pages the kernel can drop and read back: the code,
    /// metadata and data sections of the runtime's, the framework's and the phone's assemblies
    /// (the runtime maps each image privately and its file once more, shared and read-only) and
    /// of the native libraries. A private mapping's pages the process wrote are its own copy,
    /// which the kernel keeps (or swaps); the others are clean page cache. Not: shared writable
    /// mappings (SQLite's <c>-shm</c>: written pages of a file the kernel would have to write
    /// out first), memfd-backed ones (the JIT's double-mapped code: no file to read it back from)
    /// and files no longer on disk.
    /// </summary>
    public bool IsReleasableFile =>
        Permissions.Length == 4 && (Permissions[1] != 'w' || Permissions[3] == 'p')
        && Path.StartsWith('/')
        && !Path.StartsWith("/memfd:", StringComparison.Ordinal)
        && !Path.EndsWith(" (deleted)", StringComparison.Ordinal);

    /// <summary>
    /// The runtime's second, whole-file view of an assembly: a releasable mapping of a .dll, shared
    /// and read-only. Its pages are the page cache itself (no copy of the process's own), so
    /// dropping them from this view loses nothing: the next read maps them again from the file.
    /// Assemblies of the default load context stay loaded, so the view stays at its address for
    /// the process's life (nothing else can be mapped there in the meantime).
    /// </summary>
    public bool IsAssemblyFileView =>
        IsReleasableFile && Permissions[3] == 's' // a releasable shared mapping is never writable
        && Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads "start-end perms offset dev inode [path]"; false for anything else.</summary>
    public static bool TryParse(string line, out ProcMapsEntry entry)
    {
        entry = default;
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5)
        {
            return false;
        }
        var dash = fields[0].IndexOf('-');
        if (dash <= 0
            || !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
            || end <= start
            || fields[1].Length != 4)
        {
            return false;
        }
        entry = new ProcMapsEntry(start, end, fields[1], fields.Length == 6 ? fields[5].Trim() : "");
        return true;
    }
}
