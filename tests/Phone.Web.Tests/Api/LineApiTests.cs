using Phone.SipCore.Transport;
using System.Net;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

public sealed class LineApiTests
{
    private static object ValidLine(string? password = null, string label = "Reception") => new
    {
        enabled = true,
        label,
        user = "2001",
        displayName = "Front desk",
        password,
        registrar = "pbx.example.com",
        port = 5060,
        transport = "udp",
        expires = 600,
    };

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Line_routes_need_credentials(string method)
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAnonymousClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/lines/1")
        {
            Content = method == "PUT" ? System.Net.Http.Json.JsonContent.Create(new { label = "x" }) : null,
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Put_stores_the_line_and_the_password_never_comes_back()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var put = await client.PutJsonAsync("/api/lines/1", ValidLine(password: "s3cret-sip"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var response = await client.GetAsync("/api/lines/1");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("s3cret-sip", text);
        var json = await response.ReadNodeAsync();
        Assert.True((bool)json["enabled"]!);
        Assert.Equal("pbx.example.com", (string)json["registrar"]!);
        Assert.Equal("udp", (string)json["transport"]!);
        Assert.Equal(600, (int)json["expires"]!);
        Assert.True((bool)json["hasPassword"]!);
        Assert.Null(json["password"]);
    }

    [Fact]
    public async Task Put_without_a_password_keeps_the_stored_one_and_the_rest_is_replaced()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await client.PutJsonAsync("/api/lines/3", ValidLine(password: "first"));

        var put = await client.PutJsonAsync("/api/lines/3", ValidLine(label: "Renamed"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var json = await put.ReadNodeAsync();
        Assert.True((bool)json["hasPassword"]!);
        Assert.Equal("Renamed", (string)json["label"]!);
        Assert.Equal("2001", (string)json["user"]!);
        // PUT is the whole line: a member left out takes its default (here: off).
        var partial = await (await client.PutJsonAsync("/api/lines/3", new { label = "Only a label" })).ReadNodeAsync();
        Assert.False((bool)partial["enabled"]!);
        Assert.True((bool)partial["hasPassword"]!);
    }

    [Fact]
    public async Task Invalid_fields_give_400_problem_details_with_each_fields_errors_and_change_nothing()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var response = await client.PutJsonAsync("/api/lines/1", new
        {
            enabled = true, user = "bad user", registrar = "", port = 70000, expires = 5,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadNodeAsync())["errors"]!;
        Assert.Contains("user-part", (string)errors["user"]![0]!);
        Assert.NotNull(errors["registrar"]);
        Assert.NotNull(errors["port"]);
        Assert.NotNull(errors["expires"]);
        var stored = await (await client.GetAsync("/api/lines/1")).ReadNodeAsync();
        Assert.False((bool)stored["enabled"]!);
    }

    [Fact]
    public async Task Unknown_line_is_404()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/lines/99")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutJsonAsync("/api/lines/0", ValidLine())).StatusCode);
    }

    [Fact]
    public async Task Sql_metacharacters_in_text_fields_are_stored_and_shown_literally()
    {
        const string label = "Robert'); DROP TABLE line;-- \"x\" %_";
        const string display = "O'Brien; SELECT * FROM admin_account";
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var put = await client.PutJsonAsync("/api/lines/4", new { label, displayName = display });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var json = await (await client.GetAsync("/api/lines/4")).ReadNodeAsync();
        Assert.Equal(label, (string)json["label"]!);
        Assert.Equal(display, (string)json["displayName"]!);
        // The table is still there and every line still reads.
        var status = await (await client.GetAsync("/api/status")).ReadNodeAsync();
        Assert.Equal(16, status["lines"]!.AsArray().Count);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/lines/4"));
        Assert.Contains(label, page);
        Assert.Contains(display, page);
    }

    [Fact]
    public async Task Log_and_trace_routes_return_the_lines_entries()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await client.GetAsync("/healthz");
        var services = factory.Services;
        var log = (Phone.Storage.Logs.SyncLogRepository)services.GetService(typeof(Phone.Storage.Logs.SyncLogRepository))!;
        var trace = (Phone.Storage.Traces.SipTraceRepository)services.GetService(typeof(Phone.Storage.Traces.SipTraceRepository))!;
        await log.AppendAsync(new(LineStatuses.At, 2, Phone.SipCore.Lines.SyncLogKind.Feature,
            Phone.SipCore.FeatureSync.Model.FeatureOrigin.Server, Phone.SipCore.Lines.SyncOutcome.Success, "DND on from NOTIFY"));
        await trace.AppendAsync(new(LineStatuses.At, 2, Phone.SipCore.Transport.SipTraceDirection.In, "192.0.2.1:5060",
            "NOTIFY sip:2001@192.0.2.9 SIP/2.0", "NOTIFY sip:2001@192.0.2.9 SIP/2.0\r\nEvent: as-feature-event\r\n\r\n"));

        var logJson = (await (await client.GetAsync("/api/lines/2/log")).ReadNodeAsync()).AsArray();
        var traceJson = (await (await client.GetAsync("/api/lines/2/trace")).ReadNodeAsync()).AsArray();

        Assert.Equal("DND on from NOTIFY", (string)logJson.Single()!["text"]!);
        Assert.Equal("success", (string)logJson.Single()!["outcome"]!);
        Assert.Null(logJson.Single()!["code"]);
        Assert.Null(logJson.Single()!["args"]);
        Assert.Equal("NOTIFY sip:2001@192.0.2.9 SIP/2.0", (string)traceJson.Single()!["firstLine"]!);
        Assert.Equal("in", (string)traceJson.Single()!["direction"]!);
        Assert.Empty((await (await client.GetAsync("/api/lines/1/trace")).ReadNodeAsync()).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/lines/77/log")).StatusCode);
        using var anonymous = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/lines/2/log")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/lines/2/trace")).StatusCode);
    }

    [Fact]
    public async Task The_log_is_worded_in_the_requests_language_and_carries_the_events_code_and_arguments()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await client.GetAsync("/healthz");
        var log = (Phone.Storage.Logs.SyncLogRepository)factory.Services.GetService(typeof(Phone.Storage.Logs.SyncLogRepository))!;
        var dndOff = Phone.SipCore.SyncLog.SyncLogEvent.About(Phone.SipCore.SyncLog.SyncLogCode.FeatureReported,
            Phone.SipCore.FeatureSync.Model.FeatureKind.Dnd, new Phone.SipCore.FeatureSync.Model.FeatureValue(false));
        await log.AppendAsync(new(LineStatuses.At, 2, Phone.SipCore.Lines.SyncLogKind.Feature,
            Phone.SipCore.FeatureSync.Model.FeatureOrigin.Server, Phone.SipCore.Lines.SyncOutcome.Info, dndOff.ToString()) { Event = dndOff });

        var english = await LogAsync(client, "en-US,en;q=0.9");
        var chinese = await LogAsync(client, "zh-CN,zh;q=0.9");

        Assert.Equal("Do not disturb off: set on the server", (string)english["text"]!);
        Assert.Equal("免打扰关闭：服务器上的设置", (string)chinese["text"]!);
        foreach (var entry in new[] { english, chinese })
        {
            Assert.Equal("featureReported", (string)entry["code"]!);
            var args = entry["args"]!.AsArray();
            Assert.Equal(("feature", "Dnd"), ((string)args[0]!["kind"]!, (string)args[0]!["value"]!));
            Assert.Equal(("value", "off"), ((string)args[1]!["kind"]!, (string)args[1]!["value"]!));
            Assert.Equal("info", (string)entry["outcome"]!);
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> LogAsync(HttpClient client, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lines/2/log");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadNodeAsync()).AsArray().Single()!;
    }

    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "请求中有无效字段，未做任何更改。", "端口必须在 1 到 65535 之间。", "已启用的线路必须填写注册服务器。", "注册有效期必须在 30 到 86400 秒之间。")]
    [InlineData("en-US,en;q=0.9", "The request has invalid fields; nothing was changed.", "Port must be from 1 to 65535.",
        "Registrar Host is required on an enabled line.", "Registration Expiry must be from 30 to 86400 seconds.")]
    public async Task The_validation_problem_follows_Accept_Language(string acceptLanguage, string title, string port, string registrar, string expires)
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/lines/1")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { enabled = true, user = "2001", registrar = "", port = 70000, expires = 5 }),
        };
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadNodeAsync();
        Assert.Equal(title, (string)problem["title"]!);
        Assert.Equal(port, (string)problem["errors"]!["port"]![0]!);
        Assert.Equal(registrar, (string)problem["errors"]!["registrar"]![0]!);
        Assert.Equal(expires, (string)problem["errors"]!["expires"]![0]!);
    }
}
