using System.Net;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

public sealed class ProfileApiTests
{
    [Fact]
    public async Task Presets_are_listed()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var presets = (await (await client.GetAsync("/api/pbx-presets")).ReadNodeAsync()).AsArray();

        var broadWorks = presets.Single(p => (string)p!["name"]! == "BroadWorks")!;
        Assert.Equal("asFeatureEvent", (string)broadWorks["method"]!);
        Assert.Contains(presets, p => (string)p!["name"]! == "3CX");
    }

    [Fact]
    public async Task Create_from_a_preset_numbers_a_taken_name()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var first = await client.PostJsonAsync("/api/pbx-profiles", new { preset = "FreePBX/Asterisk" });
        var second = await client.PostJsonAsync("/api/pbx-profiles", new { preset = "FreePBX/Asterisk" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("FreePBX/Asterisk", (string)(await first.ReadNodeAsync())["name"]!);
        var json = await second.ReadNodeAsync();
        Assert.Equal("FreePBX/Asterisk (2)", (string)json["name"]!);
        Assert.Equal("*78", (string)json["dndOnCode"]!);
        var all = (await (await client.GetAsync("/api/pbx-profiles")).ReadNodeAsync()).AsArray();
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task Create_from_a_full_body_and_from_an_unknown_preset()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var created = await client.PostJsonAsync("/api/pbx-profiles", new
        {
            name = "Office PBX", method = "featureCodes", dndOnCode = "*11", dndOffCode = "*12", secondsPerRing = 5,
        });
        var unknown = await client.PostJsonAsync("/api/pbx-profiles", new { preset = "Nonesuch" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.ReadNodeAsync();
        Assert.Equal(5, (int)json["secondsPerRing"]!);
        Assert.True((bool)json["canSync"]!);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await unknown.ReadNodeAsync())["errors"]!["preset"]);
    }

    [Fact]
    public async Task Invalid_profile_fields_give_400_with_field_errors()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var response = await client.PostJsonAsync("/api/pbx-profiles", new
        {
            name = "", dndOnCode = "abc", forwardPattern = "{code}", secondsPerRing = 99,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadNodeAsync())["errors"]!;
        Assert.NotNull(errors["name"]);
        Assert.NotNull(errors["dndOnCode"]);
        Assert.NotNull(errors["forwardPattern"]);
        Assert.NotNull(errors["secondsPerRing"]);
        Assert.Empty((await (await client.GetAsync("/api/pbx-profiles")).ReadNodeAsync()).AsArray());
    }

    [Fact]
    public async Task Put_updates_codes_and_delete_is_refused_while_a_line_uses_the_profile()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var id = (int)(await (await client.PostJsonAsync("/api/pbx-profiles", new { preset = "Yeastar S-series" })).ReadNodeAsync())["id"]!;
        await client.PutJsonAsync("/api/lines/2", new { pbxProfileId = id });

        var put = await client.PutJsonAsync($"/api/pbx-profiles/{id}", new { dndOnCode = "*740", secondsPerRing = 4 });
        var refused = await client.DeleteAsync($"/api/pbx-profiles/{id}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.ReadNodeAsync();
        Assert.Equal("*740", (string)updated["dndOnCode"]!);
        Assert.Equal([2], updated["usedByLines"]!.AsArray().Select(n => (int)n!));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadNodeAsync();
        Assert.Contains("line 2", (string)problem["detail"]!);
        Assert.Equal(2, (int)problem["lines"]![0]!);

        var listed = (await (await client.GetAsync("/api/pbx-profiles")).ReadNodeAsync()).AsArray().Single()!;
        Assert.Equal(2, (int)listed["usedByLines"]![0]!);

        await client.PutJsonAsync("/api/lines/2", new { pbxProfileId = (int?)null });
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/pbx-profiles/{id}")).StatusCode);
        Assert.Empty((await (await client.GetAsync("/api/pbx-profiles")).ReadNodeAsync()).AsArray());
    }

    [Fact]
    public async Task Unknown_profile_is_404_and_routes_need_credentials()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        using var anonymous = factory.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PutJsonAsync("/api/pbx-profiles/42", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/pbx-profiles/42")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/pbx-profiles")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/pbx-presets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/pbx-profiles", new { preset = "3CX" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutJsonAsync("/api/pbx-profiles/1", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/pbx-profiles/1")).StatusCode);
    }
}
