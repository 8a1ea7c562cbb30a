using System.Net;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

public sealed class ProvisioningApiTests
{
    private const string Secret = "prov-api-secret";

    [Fact]
    public async Task Put_stores_the_settings_and_get_never_returns_the_password()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var put = await client.PutJsonAsync("/api/provisioning", new
        {
            url = "https://prov.example.com/{mac}.cfg", deviceId = "desk-9", user = "fleet", password = Secret,
            intervalHours = 12, checkSync = false,
        });
        var get = await client.GetAsync("/api/provisioning");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var text = await get.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var body = await get.ReadNodeAsync();
        Assert.Equal("https://prov.example.com/{mac}.cfg", (string)body["url"]!);
        Assert.Equal("desk-9", (string)body["deviceId"]!);
        Assert.True((bool)body["hasPassword"]!);
        Assert.Null(body["password"]);
        Assert.Equal(12, (int)body["intervalHours"]!);
        Assert.False((bool)body["checkSync"]!);
        Assert.Matches("^[0-9a-f]{12}$", (string)body["defaultDeviceId"]!);
        Assert.NotNull(body["nextFetch"]);

        // Absent keeps the password; empty clears it.
        await client.PutJsonAsync("/api/provisioning", new { url = "https://prov.example.com/{mac}.cfg", user = "fleet" });
        Assert.True((bool)(await (await client.GetAsync("/api/provisioning")).ReadNodeAsync())["hasPassword"]!);
        await client.PutJsonAsync("/api/provisioning", new { url = "https://prov.example.com/{mac}.cfg", password = "" });
        Assert.False((bool)(await (await client.GetAsync("/api/provisioning")).ReadNodeAsync())["hasPassword"]!);
    }

    [Theory]
    [InlineData("url", "gopher://prov.example.com/a.cfg")]
    [InlineData("url", "https://prov.example.com/{serial}.cfg")]
    [InlineData("deviceId", "has space")]
    [InlineData("intervalHours", 500)]
    [InlineData("caCertificatePem", "not a certificate")]
    public async Task An_invalid_field_is_a_400_naming_it_and_changes_nothing(string field, object value)
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await client.PutJsonAsync("/api/provisioning", new { url = "http://10.0.0.5/{id}.cfg" });
        var body = new Dictionary<string, object> { ["url"] = "http://10.1.1.1/a.cfg", [field] = value };

        var response = await client.PutJsonAsync("/api/provisioning", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]![field]);
        Assert.Equal("http://10.0.0.5/{id}.cfg", (string)(await (await client.GetAsync("/api/provisioning")).ReadNodeAsync())["url"]!);
    }

    [Fact]
    public async Task Fetch_returns_the_attempt()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var response = await client.PostAsync("/api/provisioning/fetch", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadNodeAsync();
        Assert.Equal("NotConfigured", (string)body["outcome"]!);
        Assert.Null((int?)body["httpStatus"]);
        Assert.Empty(body["errors"]!.AsArray());
        var attempts = (await (await client.GetAsync("/api/provisioning")).ReadNodeAsync())["attempts"]!.AsArray();
        Assert.Equal("web", (string)attempts.Single()!["trigger"]!);
    }

    [Fact]
    public async Task Provisioning_routes_need_credentials()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/provisioning")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/provisioning/fetch", null)).StatusCode);
    }
}
