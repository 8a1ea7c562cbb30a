using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Phone.TestSupport;

/// <summary>
/// Hosts the real Phone.Web with its own temporary data directory and a SIP port chosen by
/// the system, so tests never collide with each other or with a running phone. With
/// <c>realServer</c> it runs on Kestrel on a free loopback port, for browsers and sipp.
/// </summary>
public sealed class PhoneWebFactory : WebApplicationFactory<Program>
{
    private readonly bool _realServer;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public PhoneWebFactory(bool realServer = false)
    {
        _realServer = realServer;
        Root = Path.Combine(Path.GetTempPath(), "featuresync-tests", Guid.NewGuid().ToString("N"));
        DataDirectory = Path.Combine(Root, "data");
        if (realServer)
        {
            UseKestrel(0);
        }
    }

    /// <summary>A temporary folder owned by this factory, deleted on dispose.</summary>
    public string Root { get; }

    /// <summary>Not created by the factory: the application must create it.</summary>
    public string DataDirectory { get; }

    /// <summary>Adds or overrides a configuration value before the host starts.</summary>
    public PhoneWebFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Starts Kestrel (real-server mode) and returns the address it listens on.</summary>
    public Uri StartRealServer()
    {
        if (!_realServer)
        {
            throw new InvalidOperationException("Create the factory with realServer: true.");
        }
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new Uri(addresses.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("FeatureSync:DataDirectory", DataDirectory);
        builder.UseSetting("FeatureSync:Sip:Address", "127.0.0.1");
        builder.UseSetting("FeatureSync:Sip:Port", "0");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing background task; the temp cleaner gets it.
            }
        }
    }
}
