using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Phone.Web.Tests.Api;

/// <summary>Small helpers to read the API's camelCase JSON as plain nodes.</summary>
internal static class ApiJson
{
    public static async Task<JsonNode> ReadNodeAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body.");
    }

    /// <summary>One line's entry of <c>GET /api/status</c> (the read must answer 200).</summary>
    public static async Task<JsonNode> StatusLineAsync(this HttpClient client, int line)
    {
        using var response = await client.GetAsync("/api/status");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadNodeAsync())["lines"]!.AsArray().Single(l => (int)l!["line"]! == line)!;
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Options);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
