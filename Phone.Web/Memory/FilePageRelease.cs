using System.Runtime.InteropServices;

namespace Phone.Web.Memory;

/// <summary>
/// Gives the kernel back the pages of the process's file mappings (madvise(2),
/// <c>MADV_PAGEOUT</c>, Linux 5.4 and later): the code and metadata of the runtime, the
/// framework, the phone's assemblies and the native libraries that the start touched once. With
/// 16 lines the page-out takes the phone from about 120 to 62 MiB resident, and the idle phone
/// reads about 18 MiB of it back (docs/performance.md, target 5).
/// </summary>
/// <remarks>
/// A page-out has the effect memory pressure would have: a clean page only this process maps is
/// dropped from memory and read back from its file on the next touch; a page another process
/// maps too stays. Nothing is lost, so it is safe while every thread runs; the cost is a page
/// fault on the next use of each page (measured in performance.md). Which mappings: see
/// <see cref="ProcMapsEntry.IsReleasableFile"/>. The kernel pages out the pages of a file only
/// for a process that owns it or may write it (mm/madvise.c, a guard against a side channel on
/// shared files): a phone run as an unprivileged user over root-owned files keeps them all
/// (checked as <c>nobody</c> on Linux 6.18), and
/// <see cref="StartupMemoryTrim"/> says so in its log line.
/// </remarks>
internal static class FilePageRelease
{
    private const int MadvPageout = 21; // include/uapi/asm-generic/mman-common.h

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
        int mappings = 0, refused = 0, lastError = 0;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            if (!ProcMapsEntry.TryParse(line, out var entry) || !entry.IsReleasableFile)
            {
                continue;
            }
            if (madvise((nint)entry.Start, (nuint)entry.Length, MadvPageout) == 0)
            {
                mappings++;
            }
            else
            {
                // EINVAL before Linux 5.4 (no MADV_PAGEOUT); ENOMEM for a range another thread
                // unmapped since the read (a range mapped again as something else only gets a
                // hint too: a page-out never loses data). Either way the phone runs as before.
                refused++;
                lastError = Marshal.GetLastPInvokeError();
            }
        }
        return new Result(mappings, refused, lastError);
    }

    // DllImport, not LibraryImport: every argument is blittable, so no marshalling code is
    // generated either way, and the project needs no unsafe blocks. "libc" is libc.so.6 on Linux.
    [DllImport("libc", SetLastError = true)]
    private static extern int madvise(nint address, nuint length, int advice);
}
