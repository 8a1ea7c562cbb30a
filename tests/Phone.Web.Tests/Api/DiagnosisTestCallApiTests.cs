using System.Net;
using System.Text;
using Phone.SipCore.Configuration;
using Phone.SipCore.Simulator;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

/// <summary>
/// <c>POST /api/lines/{n}/diagnose</c> with a <c>testCode</c> on a feature-code line, against the real app
/// and the in-process PBX simulator (Yeastar S codes): the test call's final status in the reader's language.
/// </summary>
public sealed class DiagnosisTestCallApiTests : IAsyncLifetime
{
    private const string Password = "line-secret";
    private readonly PbxSimulator _pbx = new(new PbxSimulatorOptions { Accounts = [new SimulatedAccount("2001", Password, PbxPresets.YeastarS)] });
    private readonly PhoneWebFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _pbx.Start();
        return ValueTask.CompletedTask;
    }

    private async Task<HttpClient> ClientWithYeastarLineAsync()
    {
        var client = _factory.CreateAdminClient();
        var profile = await client.PostJsonAsync("/api/pbx-profiles", new { preset = "Yeastar S-series" });
        var id = (int)(await profile.ReadNodeAsync())["id"]!;
        var saved = await client.PutJsonAsync("/api/lines/1", new
        {
            enabled = true, label = "Desk", user = "2001", password = Password, registrar = "127.0.0.1", port = _pbx.EndPoint.Port,
            transport = "udp", expires = 600, featureSync = true, pbxProfileId = id,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return client;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> DiagnoseAsync(HttpClient client, string body, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lines/1/diagnose")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    [Fact]
    public async Task A_code_the_pbx_does_not_know_fails_404_in_english_and_in_chinese()
    {
        using var client = await ClientWithYeastarLineAsync();

        var english = await DiagnoseAsync(client, """{"testCode": "*999"}""", "en");
        var chinese = await DiagnoseAsync(client, """{"testCode": "*999"}""", "zh-CN,zh;q=0.9");

        Assert.False((bool)english["ok"]!);
        Assert.Equal("codeFailed", (string)english["verdictCode"]!);
        Assert.Equal("The feature code *999 failed: 404 Not Found", (string)english["verdict"]!);
        var call = english["steps"]!.AsArray().Single(s => (string)s!["code"]! == "testCall")!;
        Assert.Equal(("Test call", false, "The test call to *999 failed (404): 404 Not Found."),
            ((string)call["name"]!, (bool)call["ok"]!, (string)call["detail"]!));
        Assert.StartsWith("/troubleshooting?line=1&callId=", (string)call["messages"]![0]!["href"]!);
        Assert.Equal("功能码 *999 失败：404 Not Found", (string)chinese["verdict"]!);
        Assert.Equal("测试呼叫", (string)chinese["steps"]!.AsArray().Single(s => (string)s!["code"]! == "testCall")!["name"]!);
    }

    [Fact]
    public async Task A_code_the_pbx_answers_gives_the_codes_only_verdict_and_a_test_call_ended_200()
    {
        using var client = await ClientWithYeastarLineAsync();

        var json = await DiagnoseAsync(client, """{"testCode": "*74"}""", "en");

        Assert.True((bool)json["ok"]!);
        Assert.Equal("codesOnly", (string)json["verdictCode"]!);
        var steps = json["steps"]!.AsArray();
        Assert.Equal("The profile has every feature code.", (string)steps.Single(s => (string)s!["code"]! == "featureCodes")!["detail"]!);
        Assert.StartsWith("The test call to *74 ended 200: sent, not confirmable (200 OK",
            (string)steps.Single(s => (string)s!["code"]! == "testCall")!["detail"]!);
    }

    public async ValueTask DisposeAsync()
    {
        _factory.Dispose();
        await _pbx.DisposeAsync();
    }
}
