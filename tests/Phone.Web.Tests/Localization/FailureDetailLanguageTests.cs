using System.Net;
using System.Text.Json.Nodes;
using Phone.SipCore.Configuration;
using Phone.SipCore.Simulator;
using Phone.TestSupport;
using Phone.Web.Tests.Api;
using Phone.Web.Tests.Provisioning;

namespace Phone.Web.Tests.Localization;

/// <summary>
/// Why a registration failed and how a feature code went, as the real app reports them against the
/// in-process PBX simulator, in the reader's language: in Chinese only the protocol's own text
/// (<c>401 Unauthorized</c>, <c>403 Forbidden</c>, <c>200 OK</c>) stays as the server wrote it.
/// </summary>
public sealed class FailureDetailLanguageTests : IAsyncLifetime
{
    private const string Password = "line-secret";
    private const string Chinese = "zh-CN,zh;q=0.9";

    private readonly PbxSimulator _pbx = new(new PbxSimulatorOptions
    {
        Accounts = [new SimulatedAccount("2001", Password, PbxPresets.YeastarS), new SimulatedAccount("2002", "other-secret", PbxPresets.YeastarS)],
    });

    private readonly PhoneWebFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _pbx.Start();
        return ValueTask.CompletedTask;
    }

    private async Task SaveLineAsync(HttpClient client, int line, object settings)
    {
        var saved = await client.PutJsonAsync($"/api/lines/{line}", settings);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    private static async Task<JsonNode> LineAsync(HttpClient client, int line, string language) =>
        (await GetAsync(client, "/api/status", language))["lines"]!.AsArray().Single(l => (int)l!["line"]! == line)!;

    [Fact]
    public async Task A_challenge_the_line_cannot_answer_and_a_403_read_in_chinese_and_in_english()
    {
        using var client = _factory.CreateAdminClient();
        // Line 1 has no password: the PBX challenges, the line cannot answer. Line 2 authenticates as another user: 403.
        await SaveLineAsync(client, 1, new { enabled = true, label = "Desk", user = "2001", registrar = "127.0.0.1", port = _pbx.EndPoint.Port, transport = "udp", expires = 600 });
        await SaveLineAsync(client, 2, new
        {
            enabled = true, label = "Desk 2", user = "2001", authUser = "2002", password = "other-secret", registrar = "127.0.0.1",
            port = _pbx.EndPoint.Port, transport = "udp", expires = 600,
        });
        await Wait.UntilAsync(async () => (string?)(await LineAsync(client, 1, "en"))["registration"] == "failed"
            && (string?)(await LineAsync(client, 2, "en"))["registration"] == "failed");

        var noCredentials = await LineAsync(client, 1, Chinese);
        var forbidden = await LineAsync(client, 2, Chinese);

        Assert.Equal("401 Unauthorized：服务器要求认证，但线路没有认证用户名或密码", (string)noCredentials["registrationDetail"]!);
        Assert.Equal("AuthNoCredentials", (string)noCredentials["registrationDetailCode"]!);
        Assert.Equal("403 Forbidden", (string)forbidden["registrationDetail"]!);
        Assert.Equal("401 Unauthorized: the server asks for credentials, but the line has no auth user or password",
            (string)(await LineAsync(client, 1, "en"))["registrationDetail"]!);
        // The status is in memory at once; the log row is stored by the next group commit.
        JsonNode? failed = null;
        await Wait.UntilAsync(async () =>
        {
            failed = (await GetAsync(client, "/api/lines/1/log", Chinese)).AsArray().FirstOrDefault(e => (string?)e!["code"] == "registrationFailed");
            return failed is not null;
        });
        Assert.EndsWith("（401 Unauthorized：服务器要求认证，但线路没有认证用户名或密码）", (string)failed!["text"]!);
    }

    [Fact]
    public async Task A_feature_code_the_pbx_took_and_hung_up_on_reads_in_chinese_in_the_log_and_as_before_in_english()
    {
        using var client = _factory.CreateAdminClient();
        var profile = await client.PostJsonAsync("/api/pbx-profiles", new { preset = "Yeastar S-series" });
        var id = (int)(await profile.ReadNodeAsync())["id"]!;
        await SaveLineAsync(client, 1, new
        {
            enabled = true, label = "Desk", user = "2001", password = Password, registrar = "127.0.0.1", port = _pbx.EndPoint.Port,
            transport = "udp", expires = 600, featureSync = true, pbxProfileId = id,
        });
        await Wait.UntilAsync(async () => (string?)(await LineAsync(client, 1, "en"))["registration"] == "registered");

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/lines/1/dnd", new { enabled = true })).StatusCode);
        JsonNode? sent = null;
        await Wait.UntilAsync(async () =>
        {
            sent = (await GetAsync(client, "/api/lines/1/log", Chinese)).AsArray().FirstOrDefault(e => (string?)e!["code"] == "featureCodeSent");
            return sent is not null;
        });
        var english = (await GetAsync(client, "/api/lines/1/log", "en")).AsArray().First(e => (string?)e!["code"] == "featureCodeSent")!;

        var chinese = (string)sent!["text"]!;
        Assert.Contains("已发送，无法确认（200 OK；PBX 已挂断）", chinese);
        Assert.DoesNotContain("sent, not confirmable", chinese);
        Assert.DoesNotContain("hung up", chinese);
        Assert.EndsWith(" sent, not confirmable (200 OK; the PBX hung up))", (string)english["text"]!);
    }

    public async ValueTask DisposeAsync()
    {
        _factory.Dispose();
        await _pbx.DisposeAsync();
    }
}
