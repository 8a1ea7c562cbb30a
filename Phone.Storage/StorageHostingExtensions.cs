using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Phone.SipCore.Configuration;
using Phone.Storage.Admin;
using Phone.Storage.ConfigFile;
using Phone.Storage.Features;
using Phone.Storage.Lines;
using Phone.Storage.Logs;
using Phone.Storage.Profiles;
using Phone.Storage.Traces;

namespace Phone.Storage;

public static class StorageHostingExtensions
{
    public const string DataDirectoryKey = "FeatureSync:DataDirectory";
    public const string KeysDirectoryName = "keys";

    // Data Protection isolates keys per application name, which defaults to the content
    // root path: a fixed name keeps stored passwords readable after the install moves.
    private const string DataProtectionApplicationName = "FeatureSync";

    /// <summary>
    /// The full path of <c>FeatureSync:DataDirectory</c>, or <c>data/</c> under the working
    /// directory; shared with the web host, which keeps its HTTPS certificate there too.
    /// </summary>
    public static string DataDirectory(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[DataDirectoryKey];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Directory.GetCurrentDirectory(), "data")
            : Path.GetFullPath(configured);
    }

    /// <summary>
    /// Registers the phone database in <c>FeatureSync:DataDirectory</c> (default <c>data/</c>
    /// under the working directory), the repositories, the shared validators, the config
    /// file import/export, and Data Protection with its keys in <c>keys/</c> of the data
    /// directory. The database is checked (a damaged one replaced by its last good copy), created
    /// and migrated, and lines 1..<c>FeatureSync:MaxLines</c> created, at start-up by
    /// <see cref="DatabaseInitializer"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPhoneStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = DataDirectory(builder.Configuration);
        var services = builder.Services;

        services.AddSingleton(new PhoneDatabase(directory));
        services.AddSingleton(StorageOptions.FromConfiguration(builder.Configuration));
        services.TryAddSingleton(TimeProvider.System);

        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, KeysDirectoryName)));
        services.AddSingleton<SipPasswordProtector>();

        // The same rule objects serve every entry path (web form, JSON API, config file).
        services.TryAddSingleton<PbxProfileValidator>();
        services.TryAddSingleton<FeatureStateValidator>();

        services.AddSingleton<LineRepository>();
        services.AddSingleton<LineCredentialReader>();
        services.AddSingleton<PbxProfileRepository>();
        services.AddSingleton<FeatureStateRepository>();
        services.AddSingleton<SyncLogRepository>();
        services.AddSingleton<SipTraceRepository>();
        services.AddSingleton<ConfigFileExporter>();
        services.AddSingleton<ConfigFileImporter>();
        // One storage writer for every line's states, log and trace (group commit); the web layer
        // awaits its commits through IStorageCommitBarrier before acknowledging a change. IMeterFactory
        // comes from the host (every .NET host registers it).
        services.TryAddSingleton<Events.StorageMetrics>();
        services.TryAddSingleton(new Events.GroupCommitOptions());
        services.AddSingleton<Events.StorageEventSink>();
        services.AddSingleton<Phone.SipCore.Lines.ILineEventSink>(sp => sp.GetRequiredService<Events.StorageEventSink>());
        services.AddSingleton<Events.IStorageCommitBarrier>(sp => sp.GetRequiredService<Events.StorageEventSink>());
        services.AddSingleton<AdminCredentialRepository>();
        services.AddSingleton<Provisioning.ProvisioningPasswordProtector>();
        services.AddSingleton<Provisioning.ProvisioningSettingsValidator>();
        services.AddSingleton<Provisioning.ProvisioningRepository>();

        services.AddSingleton<Recovery.GoodCopies>();
        services.AddSingleton<Recovery.StorageRecoveryStatus>();
        services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
