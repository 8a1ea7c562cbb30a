using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Phone.Web.Memory;

namespace Phone.Web.Tests.Memory;

/// <summary>
/// The page-out on a real mapping of a real file: its pages leave this process's resident set,
/// come back from the file unchanged, and a written mapping is left as it is. Its own collection
/// because the start-up trim's tests release the pages of the same process.
/// </summary>
[Collection(FilePageReleaseCollection.Name)]
public sealed class FilePageReleaseTests : IDisposable
{
    private const int Size = 8 * 1024 * 1024;
    private const int Page = 4096;
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "page-release-" + Guid.NewGuid().ToString("N"));

    public FilePageReleaseTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_read_only_file_mapping_leaves_the_resident_set_and_reads_back_unchanged()
    {
        SkipUnlessPagesCanLeave();
        using var mapped = Map("read-only.bin", MemoryMappedFileAccess.Read);
        var (path, view) = (mapped.Path, mapped.View);
        Assert.True(ReadsAsWritten(view));
        var before = ResidentKib(path);
        Assert.True(before >= Size / 1024 * 9 / 10, $"the touched mapping holds {before} KiB");

        var result = FilePageRelease.ReleaseOwnFilePages();

        Assert.True(result.Mappings > 0);
        Assert.Equal(0, result.Refused);
        var after = ResidentKib(path);
        Assert.True(after <= Size / 1024 / 10, $"{before} -> {after} KiB resident");
        Assert.True(ReadsAsWritten(view)); // read back from the file
    }

    [Fact]
    public void An_assembly_mapped_twice_like_the_runtime_maps_it_leaves_the_resident_set_from_both_views()
    {
        // The runtime maps the whole file shared and read-only, and each section privately at its
        // offset, both read in by page faults: such pages, held by two views, a page-out alone
        // leaves resident (15 MiB of 15 MiB for a copy of System.Private.Xml.dll on Linux 6.18).
        SkipUnlessPagesCanLeave();
        var path = WriteFile("twice.dll");
        EvictFromPageCache(path); // read back in by the views' page faults, as an assembly's pages are
        using var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var whole = file.CreateViewAccessor(0, Size, MemoryMappedFileAccess.Read);
        using var privateFile = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.CopyOnWrite);
        const int SectionOffset = Page;
        const int SectionLength = Size - 3 * Page;
        using var section = privateFile.CreateViewAccessor(SectionOffset, SectionLength, MemoryMappedFileAccess.Read);
        Assert.True(ReadsAsWritten(whole) && SectionReadsAsWritten(section, SectionOffset, SectionLength));
        var before = ResidentKib(path);
        Assert.True(before >= Size / 1024 * 9 / 10, $"the two touched views hold {before} KiB");

        var result = FilePageRelease.ReleaseOwnFilePages();

        Assert.Equal(0, result.Refused);
        var after = ResidentKib(path);
        Assert.True(after <= Size / 1024 / 10, $"{before} -> {after} KiB resident");
        Assert.True(ReadsAsWritten(whole) && SectionReadsAsWritten(section, SectionOffset, SectionLength)); // read back from the file
    }

    [Fact]
    public void A_private_view_of_a_dll_the_process_wrote_keeps_what_it_wrote_beside_a_shared_view()
    {
        // MADV_DONTNEED, which empties the shared view, must never reach a private one: it would
        // throw away what the process wrote there (the runtime's relocations) for the file's bytes.
        SkipUnlessPagesCanLeave();
        using var shared = Map("written-private.dll", MemoryMappedFileAccess.Read);
        using var file = MemoryMappedFile.CreateFromFile(shared.Path, FileMode.Open, null, 0, MemoryMappedFileAccess.CopyOnWrite);
        using var sections = file.CreateViewAccessor(0, Size, MemoryMappedFileAccess.CopyOnWrite);
        for (var offset = 0; offset < Size; offset += Page)
        {
            sections.Write(offset, (byte)~Expected(offset));
        }

        FilePageRelease.ReleaseOwnFilePages();

        for (var offset = 0; offset < Size; offset += Page)
        {
            Assert.Equal((byte)~Expected(offset), sections.ReadByte(offset));
        }
        Assert.True(ReadsAsWritten(shared.View));
    }

    [Fact]
    public void A_private_copy_the_process_wrote_keeps_what_it_wrote()
    {
        SkipUnlessPagesCanLeave();
        using var mapped = Map("private.bin", MemoryMappedFileAccess.CopyOnWrite);
        var (path, view) = (mapped.Path, mapped.View);
        for (var offset = 0; offset < Size; offset += 2 * Page)
        {
            view.Write(offset, (byte)~Expected(offset)); // every other page becomes the process's own
        }

        FilePageRelease.ReleaseOwnFilePages();

        for (var offset = 0; offset < Size; offset += Page)
        {
            var written = offset % (2 * Page) == 0;
            Assert.Equal(written ? (byte)~Expected(offset) : Expected(offset), view.ReadByte(offset));
        }
        Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(FileBytes()), "a private copy never reaches the file");
    }

    [Fact]
    public void A_shared_mapping_the_process_wrote_is_left_resident_with_what_was_written()
    {
        SkipUnlessPagesCanLeave();
        using var mapped = Map("written.bin", MemoryMappedFileAccess.ReadWrite);
        var (path, view) = (mapped.Path, mapped.View);
        for (var offset = 0; offset < Size; offset += Page)
        {
            view.Write(offset, (byte)~Expected(offset));
        }
        var before = ResidentKib(path);

        FilePageRelease.ReleaseOwnFilePages();

        Assert.Equal(before, ResidentKib(path));
        for (var offset = 0; offset < Size; offset += Page)
        {
            Assert.Equal((byte)~Expected(offset), view.ReadByte(offset));
        }
    }

    /// <summary>A new file of <see cref="Size"/> bytes, mapped whole with <paramref name="access"/>.</summary>
    private Mapping Map(string name, MemoryMappedFileAccess access)
    {
        var path = WriteFile(name);
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, access);
        return new Mapping(path, file, file.CreateViewAccessor(0, Size, access));
    }

    private sealed record Mapping(string Path, MemoryMappedFile File, MemoryMappedViewAccessor View) : IDisposable
    {
        public void Dispose()
        {
            View.Dispose();
            File.Dispose();
        }
    }

    private static byte Expected(long offset) => (byte)(offset / Page * 31 + 7);

    private static bool ReadsAsWritten(MemoryMappedViewAccessor view)
    {
        for (var offset = 0; offset < Size; offset += Page)
        {
            if (view.ReadByte(offset) != Expected(offset))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SectionReadsAsWritten(MemoryMappedViewAccessor section, int offset, int length)
    {
        for (var at = 0; at < length; at += Page)
        {
            if (section.ReadByte(at) != Expected(offset + at))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Drops the file's clean pages from the page cache (posix_fadvise(2), POSIX_FADV_DONTNEED).</summary>
    private static void EvictFromPageCache(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        var error = posix_fadvise((int)stream.SafeFileHandle.DangerousGetHandle(), 0, 0, PosixFadvDontneed);
        Assert.True(error == 0, $"posix_fadvise failed: {error}");
    }

    private const int PosixFadvDontneed = 4;

    [DllImport("libc")]
    private static extern int posix_fadvise(int fd, long offset, long length, int advice);

    private static byte[] FileBytes()
    {
        var bytes = new byte[Size];
        for (var offset = 0; offset < Size; offset += Page)
        {
            bytes[offset] = Expected(offset);
        }
        return bytes;
    }

    private string WriteFile(string name)
    {
        var path = Path.Combine(_folder, name);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(FileBytes());
            stream.Flush(flushToDisk: true); // clean page cache: a dirty page is not paged out
        }
        return path;
    }

    /// <summary>The resident KiB of every mapping of <paramref name="path"/> (proc(5), /proc/self/smaps).</summary>
    private static long ResidentKib(string path)
    {
        long kib = 0;
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (ProcMapsEntry.TryParse(line, out var entry))
            {
                inside = entry.Path == path;
            }
            else if (inside && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                kib += long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim());
            }
        }
        return kib;
    }

    private void SkipUnlessPagesCanLeave()
    {
        Assert.SkipUnless(FilePageRelease.IsSupported, "madvise(MADV_PAGEOUT) is Linux's");
        // On tmpfs a file's pages are shared memory, which stays without swap.
        Assert.SkipWhen(FileSystemType(_folder) == "tmpfs", $"{_folder} is on tmpfs");
    }

    /// <summary>The type of the file system holding <paramref name="path"/>: the longest mount point over it (/proc/self/mountinfo).</summary>
    private static string FileSystemType(string path)
    {
        var best = "";
        var type = "";
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            var mountPoint = fields[4];
            var separator = Array.IndexOf(fields, "-");
            if (separator < 0 || !(path.StartsWith(mountPoint.TrimEnd('/') + "/", StringComparison.Ordinal) || path == mountPoint) || mountPoint.Length < best.Length)
            {
                continue;
            }
            best = mountPoint;
            type = fields[separator + 1];
        }
        return type;
    }
}

[CollectionDefinition(Name)]
public sealed class FilePageReleaseCollection
{
    public const string Name = "file page release";
}
