using Phone.Web.Memory;

namespace Phone.Web.Tests.Memory;

public sealed class ProcMapsEntryTests
{
    [Fact]
    public void A_line_with_a_path_gives_its_range_permissions_and_path()
    {
        Assert.True(ProcMapsEntry.TryParse(
            "7f3a1c000000-7f3a1c200000 r-xp 00001000 08:01 1234567                    /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/libcoreclr.so",
            out var entry));

        Assert.Equal(0x7f3a1c000000UL, entry.Start);
        Assert.Equal(0x200000UL, entry.Length);
        Assert.Equal("r-xp", entry.Permissions);
        Assert.Equal("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/libcoreclr.so", entry.Path);
    }

    [Fact]
    public void A_path_with_spaces_is_kept_whole()
    {
        Assert.True(ProcMapsEntry.TryParse("1000-2000 r--s 00000000 08:01 42   /data/my phone/Phone.Web.dll", out var entry));

        Assert.Equal("/data/my phone/Phone.Web.dll", entry.Path);
        Assert.True(entry.IsReleasableFile);
    }

    [Theory]
    [InlineData("1000-2000 r-xp 00000000 08:01 42 /usr/lib/libc.so.6", true)]             // code of a library
    [InlineData("1000-2000 r--p 00000000 08:01 42 /usr/lib/libc.so.6", true)]             // its read-only data
    [InlineData("1000-2000 r--s 00000000 08:01 42 /app/Phone.Web.dll", true)]             // an assembly's file view
    [InlineData("1000-2000 rw-p 00000000 08:01 42 /usr/lib/libc.so.6", true)]             // data: written pages stay, the rest is page cache
    [InlineData("1000-2000 rw-s 00000000 08:01 42 /data/featuresync.db-shm", false)]      // SQLite's shared memory, written
    [InlineData("1000-2000 r-xs 00000000 00:01 7 /memfd:doublemapper (deleted)", false)]  // JIT code: no file to read back
    [InlineData("1000-2000 r--p 00000000 08:01 42 /app/old.so (deleted)", false)]         // a file no longer on disk
    [InlineData("1000-2000 rw-p 00000000 00:00 0 ", false)]                                // anonymous memory
    [InlineData("1000-2000 r--p 00000000 00:00 0 [vvar]", false)]                          // the kernel's
    public void Only_mappings_of_files_on_disk_that_can_be_read_back_are_given_back(string line, bool expected)
    {
        Assert.True(ProcMapsEntry.TryParse(line, out var entry));

        Assert.Equal(expected, entry.IsReleasableFile);
    }

    [Theory]
    [InlineData("1000-2000 r--s 00000000 08:01 42 /app/Phone.Web.dll", true)]             // the runtime's whole-file view of an assembly
    [InlineData("1000-2000 r--s 00000000 08:01 42 /usr/share/dotnet/System.Linq.DLL", true)]
    [InlineData("1000-2000 r--p 00000000 08:01 42 /app/Phone.Web.dll", false)]            // its private sections: may hold what the process wrote
    [InlineData("1000-2000 r-xp 00000000 08:01 42 /app/Phone.Web.dll", false)]
    [InlineData("1000-2000 rw-s 00000000 08:01 42 /app/Phone.Web.dll", false)]            // writable
    [InlineData("1000-2000 r--s 00000000 08:01 42 /usr/share/icu/icudt72l.dat", false)]   // another file's view: not known to stay mapped
    [InlineData("1000-2000 r--s 00000000 08:01 42 /app/gone.dll (deleted)", false)]
    [InlineData("1000-2000 r-xs 00000000 00:01 7 /memfd:doublemapper.dll", false)]
    public void Only_an_assemblys_shared_read_only_view_is_emptied_before_the_page_out(string line, bool expected)
    {
        Assert.True(ProcMapsEntry.TryParse(line, out var entry));

        Assert.Equal(expected, entry.IsAssemblyFileView);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a mapping")]
    [InlineData("2000-1000 r--p 00000000 08:01 42 /usr/lib/libc.so.6")]   // ends before it starts
    [InlineData("zz-1000 r--p 00000000 08:01 42 /usr/lib/libc.so.6")]
    [InlineData("1000-2000 r-- 00000000 08:01 42 /usr/lib/libc.so.6")]    // permissions are four letters
    [InlineData("1000-2000 r--p 00000000")]
    public void A_line_that_is_not_a_mapping_is_refused(string line)
    {
        Assert.False(ProcMapsEntry.TryParse(line, out _));
    }
}
