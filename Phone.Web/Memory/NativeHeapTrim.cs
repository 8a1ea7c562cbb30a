using System.Runtime.InteropServices;

namespace Phone.Web.Memory;

/// <summary>
/// glibc's <c>malloc_trim(0)</c>: the free pages inside every malloc arena (the runtime's own
/// native allocations, SQLite's) go back to the kernel, not only the free top of the main heap
/// that glibc gives back by itself. After the start, about 1.2 of the native heap's 4 MiB with 16
/// lines (docs/performance.md, target 5).
/// </summary>
internal static class NativeHeapTrim
{
    /// <summary>True when glibc gave memory back; false when it had none to give or this is not glibc.</summary>
    public static bool Run()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return malloc_trim(0) != 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // musl has no malloc_trim
        }
    }

    [DllImport("libc")]
    private static extern int malloc_trim(nuint pad);
}
