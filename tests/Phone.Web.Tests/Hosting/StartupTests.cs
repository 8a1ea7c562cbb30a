using Phone.TestSupport;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Transport;
using Phone.Storage;

namespace Phone.Web.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Creates_the_sqlite_file_in_the_configured_data_directory()
    {
        using var factory = new PhoneWebFactory();
        Assert.False(Directory.Exists(factory.DataDirectory));

        using var client = factory.CreateClient();
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(factory.DataDirectory, PhoneDatabase.FileName);
        Assert.True(File.Exists(file), $"expected the database at {file}");
        // A real SQLite file, migrated: the header magic and a non-zero schema version.
        var header = new byte[16];
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            await stream.ReadExactlyAsync(header);
        }
        Assert.Equal("SQLite format 3\0", System.Text.Encoding.ASCII.GetString(header));
        var database = factory.Services.GetRequiredService<PhoneDatabase>();
        using var connection = database.Open();
        Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(connection));
    }

    [Fact]
    public async Task Binds_the_sip_listener_on_the_configured_address_with_a_free_port()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateClient();
        await client.GetAsync("/healthz");

        var listener = factory.Services.GetRequiredService<SipListener>();
        Assert.NotNull(listener.LocalEndPoint);
        Assert.Equal(IPAddress.Loopback, listener.LocalEndPoint!.Address);
        Assert.NotEqual(0, listener.LocalEndPoint.Port);
    }

    [Fact]
    public async Task Home_page_shows_product_version_and_sip_listen_address()
    {
        using var factory = new PhoneWebFactory();
        // Every page needs a signed-in user: sign in through the login form first.
        using var client = await factory.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/");

        var listener = factory.Services.GetRequiredService<SipListener>();
        Assert.Contains("FeatureSync", html);
        Assert.Contains(listener.LocalEndPoint!.ToString(), html);
    }

    [Fact]
    public async Task Health_endpoint_is_open_and_carries_no_configuration()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateClient();

        var body = await client.GetStringAsync("/healthz");

        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task Serves_the_stylesheet_from_wwwroot_assets()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var expected = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "wwwroot-assets", "css", "site.css"));
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-an-ip", "5060", "FeatureSync:Sip:Address")]
    [InlineData("127.0.0.1", "70000", "FeatureSync:Sip:Port")]
    [InlineData("127.0.0.1", "five", "FeatureSync:Sip:Port")]
    public void A_bad_sip_setting_stops_start_up_naming_the_setting(string address, string port, string setting)
    {
        var error = Assert.Throws<FormatException>(() => Phone.SipCore.Hosting.SipListenOptions.Parse(address, port));
        Assert.Contains(setting, error.Message);
    }
}
