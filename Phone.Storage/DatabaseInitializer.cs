using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Phone.Storage;

/// <summary>Creates and migrates the database before anything else uses it.</summary>
internal sealed class DatabaseInitializer(PhoneDatabase database, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var version = database.Initialize();
        logger.LogInformation("Database {Path} at schema version {Version}", database.FilePath, version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
