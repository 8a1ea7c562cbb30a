using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

/// <summary>
/// A JSON body that cannot be bound gets 400 problem details naming the field and what it
/// must be, in the request's language, and changes nothing.
/// </summary>
public sealed class JsonBodyErrorTests
{
    private const string Chinese = "zh-CN";

    /// <summary>Body for <c>PUT /api/lines/1</c>, the field named, the English and the Chinese message.</summary>
    public static TheoryData<string, string, string, string> LineBodies => new()
    {
        {
            """{"enabled": true, "label": "Desk""", "$",
            "The request body is not valid JSON: it ends before the JSON is complete.",
            "请求体不是有效的 JSON：JSON 尚未完整就结束了。"
        },
        {
            """{"enabled" true}""", "$",
            "The request body is not valid JSON: it breaks at line 1, byte 12.",
            "请求体不是有效的 JSON：在第 1 行第 12 个字节处出错。"
        },
        { """{"enabled": "yes"}""", "enabled", "must be true or false", "必须是 true 或 false" },
        {
            """{"port": 5060.5}""", "port",
            "must be a whole number from -2147483648 to 2147483647", "必须是 -2147483648 到 2147483647 之间的整数"
        },
        {
            """{"Port": "many"}""", "port",
            "must be a whole number from -2147483648 to 2147483647", "必须是 -2147483648 到 2147483647 之间的整数"
        },
        { """{"transport": "carrier-pigeon"}""", "transport", "must be one of: udp, tcp, tls", "必须是以下之一：udp, tcp, tls" },
        { """{"label": 42}""", "label", "must be text (a JSON string)", "必须是文本（JSON 字符串）" },
        { "[]", "$", "must be a JSON object", "必须是 JSON 对象" },
        { "null", "$", "must be a JSON object", "必须是 JSON 对象" },
        { "  ", "$", "The request body is empty; a JSON object is expected.", "请求体为空，应为一个 JSON 对象。" },
    };

    [Theory]
    [MemberData(nameof(LineBodies))]
    public async Task A_line_body_that_does_not_bind_names_the_field_in_English_and_Chinese_and_changes_nothing(
        string body, string field, string english, string chinese)
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var before = await client.GetStringAsync("/api/config");

        var inEnglish = await SendAsync(client, HttpMethod.Put, "/api/lines/1", body, language: null);
        var inChinese = await SendAsync(client, HttpMethod.Put, "/api/lines/1", body, Chinese);

        Assert.Equal([english], FieldErrors(await ProblemAsync(inEnglish), field));
        Assert.Equal([chinese], FieldErrors(await ProblemAsync(inChinese), field));
        Assert.Equal(before, await client.GetStringAsync("/api/config"));
    }

    [Fact]
    public async Task The_other_endpoints_name_their_fields_too()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var id = (int)(await (await client.PostJsonAsync("/api/pbx-profiles", new { preset = "Generic" })).ReadNodeAsync())["id"]!;
        var before = await client.GetStringAsync("/api/config");

        var method = await ProblemAsync(await SendAsync(client, HttpMethod.Post, "/api/pbx-profiles", """{"method": "smokeSignals"}"""));
        var ring = await ProblemAsync(await SendAsync(client, HttpMethod.Put, $"/api/pbx-profiles/{id}", """{"secondsPerRing": true}""", Chinese));
        var dnd = await ProblemAsync(await SendAsync(client, HttpMethod.Post, "/api/lines/1/dnd", """{"enabled": "yes"}"""));
        var forward = await ProblemAsync(await SendAsync(client, HttpMethod.Post, "/api/lines/1/forward/busy", """{"enabled": true, "ringCount": [3]}"""));

        Assert.Equal(["must be one of: asFeatureEvent, featureCodes, featureCodesWithAsFeatureEventDnd"], FieldErrors(method, "method"));
        Assert.Equal(["必须是 -2147483648 到 2147483647 之间的整数"], FieldErrors(ring, "secondsPerRing"));
        Assert.Equal(["must be true or false"], FieldErrors(dnd, "enabled"));
        Assert.Equal(["must be a whole number from -2147483648 to 2147483647"], FieldErrors(forward, "ringCount"));
        Assert.Equal(before, await client.GetStringAsync("/api/config"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415_saying_what_is_expected()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var response = await client.PutAsync("/api/lines/1", new StringContent("label=Desk", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The request body must be JSON, sent with Content-Type: application/json.",
            (string)(await response.ReadNodeAsync())["detail"]!);
    }

    /// <summary>
    /// One mechanism for all: every endpoint the app maps that binds a JSON body answers a
    /// truncated one with problem details, including endpoints added after this test.
    /// </summary>
    [Fact]
    public async Task Every_json_binding_endpoint_explains_a_truncated_body()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var id = (int)(await (await client.PostJsonAsync("/api/pbx-profiles", new { preset = "Generic" })).ReadNodeAsync())["id"]!;
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null } accepts
                && accepts.ContentTypes.Contains("application/json"))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, e.RoutePattern.RawText!)))
            .ToList();

        Assert.True(routes.Count >= 5, string.Join(", ", routes));
        foreach (var (method, pattern) in routes)
        {
            var url = "/" + pattern.TrimStart('/').Replace("{n:int}", "1", StringComparison.Ordinal)
                .Replace("{id:int}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{kind}", "always", StringComparison.Ordinal);
            var response = await SendAsync(client, new HttpMethod(method), url, """{"enabled": """);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url}: {(int)response.StatusCode}");
            Assert.Equal(["The request body is not valid JSON: it ends before the JSON is complete."],
                FieldErrors(await ProblemAsync(response), "$"));
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string body, string? language = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return client.SendAsync(request);
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadNodeAsync();
    }

    private static string[] FieldErrors(JsonNode problem, string field) =>
        problem["errors"]?[field]?.AsArray().Select(e => (string)e!).ToArray()
            ?? throw new Xunit.Sdk.XunitException($"No errors for '{field}' in {problem.ToJsonString()}");
}
