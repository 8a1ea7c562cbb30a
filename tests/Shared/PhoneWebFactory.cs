using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Text;
using Phone.SipCore.Lines;

namespace Phone.TestSupport;

/// <summary>
/// Hosts the real Phone.Web with its own temporary data directory and a SIP port chosen by
/// the system, so tests never collide with each other or with a running phone. With
/// <c>realServer</c> it runs on Kestrel on a free loopback port, for browsers and sipp.
/// </summary>
public sealed class PhoneWebFactory : WebApplicationFactory<Program>
{
    private readonly bool _realServer;
    /// <summary>The admin password every factory configures unless a test overrides it.</summary>
    public const string AdminPassword = "test-admin-password";
    public const string AdminUser = "admin";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FeatureSync:AdminPassword"] = AdminPassword,
        // Test hosts share one process and its GC: no aggressive collection 10 s after each start.
        ["FeatureSync:Memory:TrimAfterStartSeconds"] = "0",
    };
    private readonly List<Action<IServiceCollection>> _services = [];

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

    /// <summary>Replaces or adds services after the application's own registrations.</summary>
    public PhoneWebFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>An HTTP Basic header for the admin account.</summary>
    public static AuthenticationHeaderValue BasicHeader(string user = AdminUser, string password = AdminPassword) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>A client that sends the admin's Basic credentials with every request (API and pages).</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = BasicHeader();
        return client;
    }

    /// <summary>A client without credentials that does not follow redirects, to see 302s and 401s.</summary>
    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>
    /// A browser-like client (cookies, no auto-redirect) signed in through the login form,
    /// antiforgery token and all.
    /// </summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string password = AdminPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginAsync(client, AdminUser, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}.");
        }
        return client;
    }

    /// <summary>Posts the login form as a browser would: GET the page for its token, then POST.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password, string returnUrl = "/")
    {
        var url = "/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = await client.GetStringAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(page,
            "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token),
            ["_handler"] = "login",
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The live feed the pages and the hub read; tests publish line snapshots into it.</summary>
    public LineStatusFeed Feed =>
        Services.GetService<LineStatusFeed>() ?? (LineStatusFeed)Services.GetRequiredService<ILineStatusFeed>();

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
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
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
