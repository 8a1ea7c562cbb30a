using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Phone.Storage.Tests;

/// <summary>
/// A started host with <see cref="StorageHostingExtensions.AddPhoneStorage"/> on a database in
/// a fresh temp directory, deleted on dispose. Reopening builds a new host on the same files.
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private IHost _host;

    private TestStorage(string directory, Dictionary<string, string?> settings, IHost host)
    {
        Directory = directory;
        _settings = settings;
        _host = host;
    }

    public string Directory { get; }

    public IServiceProvider Services => _host.Services;

    public PhoneDatabase Database => Get<PhoneDatabase>();

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "featuresync-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    public static async Task<TestStorage> StartAsync(IDictionary<string, string?>? settings = null, string? directory = null)
    {
        directory ??= NewDirectory();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            [StorageHostingExtensions.DataDirectoryKey] = directory,
        };
        return new TestStorage(directory, all, await StartHostAsync(all).ConfigureAwait(false));
    }

    /// <summary>
    /// Stops the host and starts a new one on the same directory, as a restart would;
    /// <paramref name="whileStopped"/> runs between the two (the recovery tests damage files there).
    /// </summary>
    public async Task ReopenAsync(IDictionary<string, string?>? changes = null, Action? whileStopped = null)
    {
        await StopHostAsync().ConfigureAwait(false);
        whileStopped?.Invoke();
        foreach (var (key, value) in changes ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        _host = await StartHostAsync(_settings).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync().ConfigureAwait(false);
        DeleteDirectory(Directory);
    }

    /// <summary>Releases pooled handles on the file so the directory can be deleted.</summary>
    public static void DeleteDirectory(string directory)
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<IHost> StartHostAsync(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPhoneStorage();
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return host;
    }

    private async Task StopHostAsync()
    {
        // Pooled connections keep the file open; a restart must not reuse them.
        using (var probe = Database.Open())
        {
            SqliteConnection.ClearPool(probe);
        }
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
