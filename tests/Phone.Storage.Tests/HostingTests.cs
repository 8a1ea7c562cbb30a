using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Phone.SipCore.Configuration;
using Phone.Storage.ConfigFile;
using Phone.Storage.Features;
using Phone.Storage.Lines;
using Phone.Storage.Logs;
using Phone.Storage.Profiles;
using Phone.Storage.Traces;

namespace Phone.Storage.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task AddPhoneStorage_registers_every_service_and_creates_the_database_in_the_data_directory()
    {
        await using var storage = await TestStorage.StartAsync();

        Assert.NotNull(storage.Get<LineRepository>());
        Assert.NotNull(storage.Get<LineCredentialReader>());
        Assert.NotNull(storage.Get<PbxProfileRepository>());
        Assert.NotNull(storage.Get<FeatureStateRepository>());
        Assert.NotNull(storage.Get<SyncLogRepository>());
        Assert.NotNull(storage.Get<SipTraceRepository>());
        Assert.NotNull(storage.Get<ConfigFileExporter>());
        Assert.NotNull(storage.Get<ConfigFileImporter>());
        Assert.NotNull(storage.Get<PbxProfileValidator>());
        Assert.NotNull(storage.Get<FeatureStateValidator>());
        Assert.Same(storage.Get<LineRepository>(), storage.Get<LineRepository>());
        Assert.Equal(16, storage.Get<StorageOptions>().MaxLines);
        Assert.True(File.Exists(Path.Combine(storage.Directory, PhoneDatabase.FileName)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public void A_bad_max_lines_fails_naming_the_key(string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.MaxLinesKey] = value,
            [StorageHostingExtensions.DataDirectoryKey] = Path.GetTempPath(),
        });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPhoneStorage());
        Assert.Contains(StorageOptions.MaxLinesKey, error.Message, StringComparison.Ordinal);
    }
}
