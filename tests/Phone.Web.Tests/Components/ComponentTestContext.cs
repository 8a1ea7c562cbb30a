using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Configuration;
using Phone.Storage;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.Web.Localization;
using Phone.Web.Status;

namespace Phone.Web.Tests.Components;

/// <summary>
/// A bUnit context with the services the pages inject: the labels, and real repositories
/// on a temporary database (so validation and saving run the real rules).
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "featuresync-bunit", Guid.NewGuid().ToString("N"));

    protected ComponentTestContext(bool interactive = true)
    {
        var database = new PhoneDatabase(_directory);
        database.Initialize();
        Services.AddSingleton(database);
        Services.AddSingleton(new StorageOptions());
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<SipPasswordProtector>();
        Services.AddSingleton<LineRepository>();
        Services.AddSingleton<PbxProfileValidator>();
        Services.AddSingleton<PbxProfileRepository>();
        Services.AddSingleton<Phone.Storage.Logs.SyncLogRepository>();
        Services.AddSingleton<Phone.Storage.Traces.SipTraceRepository>();
        Services.AddSingleton<Phone.SipCore.Lines.LineStatusFeed>();
        Services.AddSingleton<Phone.SipCore.Lines.ILineStatusFeed>(sp => sp.GetRequiredService<Phone.SipCore.Lines.LineStatusFeed>());
        Services.AddSingleton<UiText>();
        Services.AddSingleton<LineSettingsApplier>();
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        SetRendererInfo(new RendererInfo("Server", interactive));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // The temp cleaner gets it.
            }
        }
    }
}
