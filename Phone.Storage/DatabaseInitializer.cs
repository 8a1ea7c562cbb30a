using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Phone.Storage.Lines;

namespace Phone.Storage;

/// <summary>Creates and migrates the database, and creates the lines, before anything else uses it.</summary>
internal sealed class DatabaseInitializer(PhoneDatabase database, LineRepository lines, ILogger<DatabaseInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = database.Initialize();
        await lines.EnsureLinesAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Database {Path} at schema version {Version} with {Lines} lines",
            database.FilePath, version, lines.MaxLines);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
