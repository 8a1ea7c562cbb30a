using System.Runtime.InteropServices;
using Phone.Web.Memory;

namespace Phone.Web.Tests.Memory;

public sealed class NativeHeapTrimTests
{
    [Fact]
    public void Free_pages_inside_the_native_heap_are_given_back()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "malloc_trim is glibc's");
        // Every other 16 KiB block freed: holes glibc does not give back by itself (only a free
        // top of the heap goes back on free), which malloc_trim(0) returns page by page.
        var blocks = new nint[4096];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(16 * 1024);
            Marshal.WriteByte(blocks[i], 8 * 1024, 1); // touch the block's middle page
        }
        for (var i = 0; i < blocks.Length; i += 2)
        {
            Marshal.FreeHGlobal(blocks[i]);
        }
        try
        {
            Assert.True(NativeHeapTrim.Run());
        }
        finally
        {
            for (var i = 1; i < blocks.Length; i += 2)
            {
                Marshal.FreeHGlobal(blocks[i]);
            }
        }
    }
}
