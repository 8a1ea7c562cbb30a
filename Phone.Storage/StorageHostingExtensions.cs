using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Phone.Storage;

public static class StorageHostingExtensions
{
    public const string DataDirectoryKey = "FeatureSync:DataDirectory";

    /// <summary>
    /// Registers the phone database in <c>FeatureSync:DataDirectory</c> (default <c>data/</c>
    /// under the working directory). The directory and file are created, and migrated, on
    /// first use by <see cref="DatabaseInitializer"/> at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddPhoneStorage(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration[DataDirectoryKey];
        var directory = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Directory.GetCurrentDirectory(), "data")
            : Path.GetFullPath(configured);
        builder.Services.AddSingleton(new PhoneDatabase(directory));
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
