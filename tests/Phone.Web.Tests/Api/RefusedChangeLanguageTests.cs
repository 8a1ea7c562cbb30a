using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

/// <summary>
/// A change the line's own validator refuses (<c>POST /api/lines/{n}/forward/...</c> with a target
/// that is no number or URI), against the real app: the 400's detail is worded in the request's
/// language from the failures' codes, not the validator's English inside a Chinese sentence.
/// </summary>
public sealed class RefusedChangeLanguageTests : IDisposable
{
    private readonly Socket _silentServer = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly PhoneWebFactory _factory = new();

    public RefusedChangeLanguageTests() => _silentServer.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    private static async Task<System.Text.Json.Nodes.JsonNode> ForwardAsync(HttpClient client, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lines/1/forward/always")
        {
            Content = JsonContent.Create(new { enabled = true, target = "call me" }),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    [Fact]
    public async Task A_target_the_validator_refuses_is_explained_in_chinese_and_in_english()
    {
        using var client = _factory.CreateAdminClient();
        var saved = await client.PutJsonAsync("/api/lines/1", new
        {
            enabled = true, label = "Desk", user = "2001", registrar = "127.0.0.1", port = ((IPEndPoint)_silentServer.LocalEndPoint!).Port,
            transport = "udp", expires = 600,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var chinese = await ForwardAsync(client, "zh-CN,zh;q=0.9");
        var english = await ForwardAsync(client, "en");

        Assert.Equal("线路 1 拒绝了此更改：转移目标必须是可拨打的号码（+、0-9、* #，最多 32 位）或 sip:/sips: URI。", (string)chinese["detail"]!);
        Assert.Equal("Line 1 refused the change: Target must be a dialable number (+, 0-9, * #, up to 32 digits) or a sip:/sips: URI.",
            (string)english["detail"]!);
        Assert.Equal(("InvalidChange", "InvalidChange"), ((string)chinese["code"]!, (string)english["code"]!));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _silentServer.Dispose();
    }
}
