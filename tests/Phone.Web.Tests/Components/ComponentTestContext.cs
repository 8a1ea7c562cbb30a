using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Configuration;
using Phone.Storage;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.Web.Application;
using Phone.Web.Status;

namespace Phone.Web.Tests.Components;

/// <summary>
/// A bUnit context with the services the pages inject: the labels, and real repositories
/// on a temporary database (so validation and saving run the real rules).
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "featuresync-bunit", Guid.NewGuid().ToString("N"));

    /// <summary>The drop counts the Troubleshooting page shows; no SIP stack runs in these tests.</summary>
    protected FakeSipDiagnostics Diagnostics { get; } = new();

    /// <summary>The storage commits the pages wait for before they show a change as taken.</summary>
    protected TestCommits Commits { get; } = new();

    /// <summary>The line side of the pages' changes: takes every change unless a test sets a refusal.</summary>
    protected TestChanges Changes { get; } = new();

    /// <summary>The diagnoses the Diagnose button gets; no SIP stack runs in these tests.</summary>
    protected FakeLineDiagnostics LineDiagnoses { get; } = new();

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
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<FeatureStateValidator>();
        Services.AddSingleton<Phone.Storage.Features.FeatureStateRepository>();
        Services.AddSingleton<Phone.Storage.ConfigFile.ConfigFileImporter>();
        Services.AddSingleton<Phone.Storage.Admin.AdminCredentialRepository>();
        Services.AddSingleton<Phone.Web.Security.AdminAccount>();
        // An instance, never started: the container does not dispose what it did not create.
        Services.AddSingleton(new Phone.SipCore.Transport.SipListener(new Phone.SipCore.Hosting.SipListenOptions(),
            NullLogger<Phone.SipCore.Transport.SipListener>.Instance));
        Services.AddSingleton<LineStatusReader>();
        Services.AddMetrics();
        Services.AddSingleton<LivePushMetrics>();
        // The home page shows the HTTPS certificate's fingerprint.
        Services.AddSingleton(new Phone.Web.Https.WebCertificate(
            Phone.Web.Https.SelfSignedCertificate.Create(new("phone", ["phone"], []), DateTimeOffset.UtcNow),
            "web-certificate.pem", Phone.Web.Https.WebCertificateOrigin.Created));
        Services.AddSingleton<Phone.Web.Sip.ISipDiagnostics>(Diagnostics);
        Services.AddLocalization();
        Services.AddSingleton<Phone.Web.Localization.SyncLogRenderer>();
        Services.AddSingleton<Phone.Web.Localization.ValidationMessages>();
        Services.AddSingleton<Phone.Web.Diagnosis.DiagnosisRenderer>();
        Services.AddSingleton<Phone.Web.Diagnosis.ILineDiagnostics>(LineDiagnoses);
        Services.AddSingleton<Phone.SipCore.Lines.IFeatureChangeService>(Changes);
        Services.AddSingleton<Phone.Storage.Events.IStorageCommitBarrier>(Commits);
        Services.AddSingleton<AcknowledgedFeatureChanges>();
        Services.AddSingleton<LineSettingsApplier>();
        Services.AddSingleton<Phone.Storage.Recovery.GoodCopies>();
        Services.AddSingleton<Phone.Storage.Recovery.StorageRecoveryStatus>();
        Services.AddSingleton<SettingsService>();
        // The Provisioning page's service, wired as in production (its scheduler is never started here).
        Services.AddSingleton<Phone.Storage.Provisioning.ProvisioningPasswordProtector>();
        Services.AddSingleton<Phone.Storage.Provisioning.ProvisioningSettingsValidator>();
        Services.AddSingleton<Phone.Storage.Provisioning.ProvisioningRepository>();
        Phone.Web.Provisioning.ProvisioningHostingExtensions.AddPhoneProvisioning(Services);
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        SetRendererInfo(new RendererInfo("Server", interactive));
    }

    /// <summary>
    /// Takes every change, or answers each with <see cref="Refusal"/>; the status page's tests watch
    /// the feed, not the SIP side.
    /// </summary>
    protected sealed class TestChanges : Phone.SipCore.Lines.IFeatureChangeService
    {
        /// <summary>Makes the line refuse each change with this answer (as a line agent words it).</summary>
        public Func<int, Phone.SipCore.FeatureSync.Model.FeatureWish, Phone.SipCore.Lines.FeatureChangeResult>? Refusal { get; set; }

        public ValueTask<Phone.SipCore.Lines.FeatureChangeResult> RequestAsync(int line,
            Phone.SipCore.FeatureSync.Model.FeatureWish wish, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Refusal?.Invoke(line, wish) ?? Phone.SipCore.Lines.FeatureChangeResult.Ok);
    }

    /// <summary>
    /// No storage writer runs here and <see cref="TestChanges"/> reports nothing, so a commit
    /// has nothing to wait for; a test sets <see cref="Failure"/> to make every commit fail.
    /// </summary>
    protected sealed class TestCommits : Phone.Storage.Events.IStorageCommitBarrier
    {
        public Exception? Failure { get; set; }

        public Task WhenCommittedAsync(CancellationToken cancellationToken = default) =>
            Failure is null ? Task.CompletedTask : Task.FromException(Failure);
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
