using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.TestSupport;
using Phone.Web.Memory;

namespace Phone.Web.Tests.Memory;

[Collection(FilePageReleaseCollection.Name)]
public sealed class StartupMemoryTrimTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static StartupMemoryTrim Trim(string? delay, TimeProvider time, string? filePages = null) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StartupMemoryTrim.DelayKey] = delay,
            [StartupMemoryTrim.FilePagesKey] = filePages,
        }).Build(),
        time, NullLogger<StartupMemoryTrim>.Instance);

    [Theory]
    [InlineData(null, 10.0)]      // the default
    [InlineData("3", 3.0)]
    [InlineData("soon", 10.0)]    // not a number: the default, with a warning
    public async Task The_collection_runs_once_the_delay_after_start_has_passed(string? configured, double seconds)
    {
        var time = new FakeTimeProvider();
        using var trim = Trim(configured, time);
        await trim.StartAsync(CancellationToken.None);
        await trim.Waiting.WaitAsync(Bound);

        time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        Assert.False(trim.Done.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(await trim.Done.WaitAsync(Bound));
        await trim.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(null, true)]      // on by default
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task The_start_s_file_pages_are_given_back_after_the_collection_unless_turned_off(string? configured, bool released)
    {
        Assert.SkipUnless(FilePageRelease.IsSupported, "madvise(MADV_PAGEOUT) is Linux's");
        var time = new FakeTimeProvider();
        using var trim = Trim("1", time, configured);
        await trim.StartAsync(CancellationToken.None);
        await trim.Waiting.WaitAsync(Bound);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await trim.Done.WaitAsync(Bound));
        Assert.Equal(released, trim.FilePages is { Mappings: > 0, Refused: 0 });
        await trim.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Zero_turns_the_trim_off()
    {
        using var trim = Trim("0", new FakeTimeProvider());
        await trim.StartAsync(CancellationToken.None);

        Assert.False(await trim.Done.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_host_stopped_before_the_delay_does_not_collect()
    {
        using var trim = Trim("10", new FakeTimeProvider());
        await trim.StartAsync(CancellationToken.None);
        await trim.StopAsync(CancellationToken.None);

        Assert.False(await trim.Done.WaitAsync(Bound));
    }

    [Fact]
    public async Task The_phone_trims_after_its_start()
    {
        using var factory = new PhoneWebFactory().WithSetting(StartupMemoryTrim.DelayKey, "0.2");
        using var client = factory.CreateClient();
        Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);

        Assert.True(await factory.Services.GetRequiredService<StartupMemoryTrim>().Done.WaitAsync(Bound));
    }
}
