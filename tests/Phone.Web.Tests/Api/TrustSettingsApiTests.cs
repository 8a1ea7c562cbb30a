using System.Net;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

/// <summary><c>trustedHosts</c> on PBX profiles and <c>acceptCallsOnlyFromServer</c> on lines.</summary>
public sealed class TrustSettingsApiTests
{
    private const string Cluster = "10.0.0.0/24, 2001:db8::/48, pbx2.example.com";

    [Fact]
    public async Task Put_then_get_of_a_profiles_trusted_hosts()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var created = await (await client.PostJsonAsync("/api/pbx-profiles", new { preset = "BroadWorks" })).ReadNodeAsync();
        Assert.Equal("", (string)created["trustedHosts"]!);
        var id = (int)created["id"]!;

        var put = await client.PutJsonAsync($"/api/pbx-profiles/{id}", new { trustedHosts = Cluster });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Cluster, (string)(await put.ReadNodeAsync())["trustedHosts"]!);
        var listed = (await (await client.GetAsync("/api/pbx-profiles")).ReadNodeAsync()).AsArray().Single()!;
        Assert.Equal(Cluster, (string)listed["trustedHosts"]!);
        // A PUT that leaves the member out keeps it.
        await client.PutJsonAsync($"/api/pbx-profiles/{id}", new { dndOnCode = "*70" });
        listed = (await (await client.GetAsync("/api/pbx-profiles")).ReadNodeAsync()).AsArray().Single()!;
        Assert.Equal(Cluster, (string)listed["trustedHosts"]!);
    }

    [Fact]
    public async Task A_bad_trusted_hosts_value_gives_400_naming_the_field_and_the_entry_and_changes_nothing()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var id = (int)(await (await client.PostJsonAsync("/api/pbx-profiles", new { preset = "BroadWorks", trustedHosts = "10.0.0.5" }))
            .ReadNodeAsync())["id"]!;

        var response = await client.PutJsonAsync($"/api/pbx-profiles/{id}", new { trustedHosts = "10.0.0.0/24, 300.1.1.1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadNodeAsync())["errors"]!;
        Assert.Contains("'300.1.1.1'", (string)errors["trustedHosts"]![0]!);
        var stored = (await (await client.GetAsync("/api/pbx-profiles")).ReadNodeAsync()).AsArray().Single()!;
        Assert.Equal("10.0.0.5", (string)stored["trustedHosts"]!);
    }

    [Fact]
    public async Task Put_then_get_of_a_lines_accept_calls_only_from_server()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        Assert.False((bool)(await (await client.GetAsync("/api/lines/2")).ReadNodeAsync())["acceptCallsOnlyFromServer"]!);

        var put = await client.PutJsonAsync("/api/lines/2", new { user = "2002", acceptCallsOnlyFromServer = true });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((bool)(await put.ReadNodeAsync())["acceptCallsOnlyFromServer"]!);
        Assert.True((bool)(await (await client.GetAsync("/api/lines/2")).ReadNodeAsync())["acceptCallsOnlyFromServer"]!);
        // PUT is the whole line: left out, the setting takes its default (off).
        var partial = await (await client.PutJsonAsync("/api/lines/2", new { user = "2002" })).ReadNodeAsync();
        Assert.False((bool)partial["acceptCallsOnlyFromServer"]!);
    }
}
