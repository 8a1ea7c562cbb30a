using System.Runtime.InteropServices;

namespace Phone.Web.Memory;

/// <summary>
/// Gives the kernel back the pages of the process's file mappings (madvise(2),
/// <c>MADV_PAGEOUT</c>, Linux 5.4 and later): the code and metadata of the runtime, the
/// framework, the phone's assemblies and the native libraries that the start touched once. With
/// 16 lines the release takes the phone from about 119 to 45 MiB resident, and the idle phone
/// reads about 15 MiB of it back (docs/performance.md, target 5).
/// </summary>
/// <remarks>
/// A page-out has the effect memory pressure would have: a clean page only this process maps is
/// dropped from memory and read back from its file on the next touch; a page another process
/// maps too stays. Nothing is lost, so it is safe while every thread runs; the cost is a page
/// fault on the next use of each page (measured in performance.md). Which mappings: see
/// <see cref="ProcMapsEntry.IsReleasableFile"/>. The kernel pages out the pages of a file only
/// for a process that owns it or may write it (mm/madvise.c, a guard against a side channel on
/// shared files): a phone run as an unprivileged user over root-owned files keeps those (checked
/// as <c>nobody</c> on Linux 6.18: only the shared views below leave then, 118 -> 96 MiB), and
/// <see cref="StartupMemoryTrim"/> says when nothing left in its log line.
/// <para>
/// The runtime maps each assembly twice: its sections privately, and the whole file once more,
/// shared and read-only. Pages both views hold stayed resident through a page-out (measured on
/// Linux 6.18: all 15 MiB of a copy of System.Private.Xml.dll mapped that way; with 16 lines
/// about 20 MiB of the framework, docs/performance.md, "The assemblies' second view"). So each
/// shared read-only view of an assembly is first emptied with <c>MADV_DONTNEED</c>, which for a
/// shared file mapping only unmaps the page cache (the next read maps it again from the file;
/// nothing of the process's own is there), and the page-out then drops the pages the private
/// views hold.
/// </para>
/// </remarks>
internal static class FilePageRelease
{
    private const int MadvDontneed = 4; // include/uapi/asm-generic/mman-common.h
    private const int MadvPageout = 21;

    /// <summary>What one release did: the mappings advised and the calls the kernel refused (with the last errno).</summary>
    public readonly record struct Result(int Mappings, int Refused, int LastError);

    /// <summary>False off Linux: there is nothing to do and nothing is read.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Advises a page-out of every file mapping of this process the kernel can drop and read back.</summary>
    public static Result ReleaseOwnFilePages()
    {
        if (!IsSupported)
        {
            return default;
        }
        // Only the assemblies' shared read-only views are emptied, each as soon as its line is read:
        // in a private mapping MADV_DONTNEED would throw away the pages the process wrote
        // (relocations, R2R import cells) for the file's bytes, and over a range unmapped and
        // reused since the read it would zero it (a loaded assembly's view stays mapped).
        var releasable = new List<ProcMapsEntry>();
        int mappings = 0, refused = 0, lastError = 0;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            if (!ProcMapsEntry.TryParse(line, out var entry) || !entry.IsReleasableFile)
            {
                continue;
            }
            if (entry.IsAssemblyFileView)
            {
                Advise(entry, MadvDontneed, ref refused, ref lastError);
            }
            releasable.Add(entry);
        }
        foreach (var entry in releasable)
        {
            if (Advise(entry, MadvPageout, ref refused, ref lastError))
            {
                mappings++;
            }
        }
        return new Result(mappings, refused, lastError);
    }

    private static bool Advise(ProcMapsEntry entry, int advice, ref int refused, ref int lastError)
    {
        if (madvise((nint)entry.Start, (nuint)entry.Length, advice) == 0)
        {
            return true;
        }
        // EINVAL before Linux 5.4 (no MADV_PAGEOUT); ENOMEM for a range another thread unmapped
        // since the read (a range mapped again as something else only gets a page-out hint,
        // which never loses data; MADV_DONTNEED goes only to loaded assemblies' views, which stay).
        // Either way the phone runs as before.
        refused++;
        lastError = Marshal.GetLastPInvokeError();
        return false;
    }

    // DllImport, not LibraryImport: every argument is blittable, so no marshalling code is
    // generated either way, and the project needs no unsafe blocks. "libc" is libc.so.6 on Linux.
    [DllImport("libc", SetLastError = true)]
    private static extern int madvise(nint address, nuint length, int advice);
}
