using System.Net;
using System.Text;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

public sealed class ConfigApiTests
{
    [Fact]
    public async Task Get_downloads_the_file_without_passwords()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await client.PutJsonAsync("/api/lines/1", new { label = "Desk", password = "never-exported" });

        var response = await client.GetAsync("/api/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("SIP1 Label :Desk", text);
        Assert.DoesNotContain("never-exported", text);
    }

    [Fact]
    public async Task Put_applies_a_good_file_and_rejects_a_bad_one_with_line_numbered_errors()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var good = await client.PutAsync("/api/config", new StringContent("SIP2 Label :Imported\n", Encoding.UTF8, "text/plain"));
        var bad = await client.PutAsync("/api/config", new StringContent("SIP2 Label :Again\nSIP2 Port :99999\n", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.True((bool)(await good.ReadNodeAsync())["applied"]!);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = (await bad.ReadNodeAsync())["errors"]!.AsArray().Single()!;
        Assert.Equal(2, (int)error["line"]!);
        var line = await (await client.GetAsync("/api/lines/2")).ReadNodeAsync();
        Assert.Equal("Imported", (string)line["label"]!);
    }

    [Fact]
    public async Task Config_routes_need_credentials()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/config")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await client.PutAsync("/api/config", new StringContent("SIP1 Label :x\n", Encoding.UTF8, "text/plain"))).StatusCode);
    }
}
