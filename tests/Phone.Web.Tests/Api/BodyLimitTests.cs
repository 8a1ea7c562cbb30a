using System.Net;
using System.Text;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

/// <summary>
/// Bodies are capped where they are read, by counting bytes: 1 MiB for a configuration file,
/// 64 KiB for JSON. The test server enforces no Kestrel limit, so these check our own code.
/// </summary>
public sealed class BodyLimitTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_chunked_2_MiB_config_upload_gets_413_saying_the_limit_and_changes_nothing()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var before = await client.GetStringAsync("/api/config");
        // Every row would change line 1 if the file were read.
        var content = new ChunkedContent(Repeat("SIP1 Label :Chunked\n", 2 * MiB), "text/plain");
        Assert.Null(content.Headers.ContentLength);

        var response = await client.PutAsync("/api/config", content);

        await AssertTooLargeAsync(response, "The configuration file is larger than 1 MiB.");
        Assert.Equal(before, await client.GetStringAsync("/api/config"));
    }

    [Fact]
    public async Task A_config_upload_declaring_more_than_1_MiB_is_refused_before_it_is_read()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var before = await client.GetStringAsync("/api/config");

        var response = await client.PutAsync("/api/config", new ByteArrayContent(Repeat("SIP1 Label :Declared\n", MiB + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await client.GetStringAsync("/api/config"));
    }

    [Fact]
    public async Task A_chunked_config_file_just_under_1_MiB_is_applied()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var file = new StringBuilder("SIP2 Label :Large file\n");
        file.Append(Encoding.UTF8.GetString(Repeat("# padding comment\n", MiB - 100)));

        var response = await client.PutAsync("/api/config", new ChunkedContent(Encoding.UTF8.GetBytes(file.ToString()), "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Large file", (string)(await (await client.GetAsync("/api/lines/2")).ReadNodeAsync())["label"]!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_70_KiB_json_body_gets_413_saying_the_limit_and_changes_nothing(bool chunked)
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var before = await client.GetStringAsync("/api/config");
        var body = JsonOfSize("Too big", 70 * 1024);

        var response = await client.PutAsync("/api/lines/1", chunked
            ? new ChunkedContent(body, "application/json")
            : new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });

        await AssertTooLargeAsync(response, "The request body is larger than 64 KiB.");
        Assert.Equal(before, await client.GetStringAsync("/api/config"));
    }

    [Fact]
    public async Task A_json_body_just_under_64_KiB_is_bound_and_saved()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var response = await client.PutAsync("/api/lines/1", new ChunkedContent(JsonOfSize("Just fits", 64 * 1024 - 16), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Just fits", (string)(await (await client.GetAsync("/api/lines/1")).ReadNodeAsync())["label"]!);
    }

    [Fact]
    public async Task On_kestrel_a_chunked_2_MiB_config_upload_gets_the_same_413()
    {
        // Kestrel also enforces the endpoint's limit (routing copies it into the request's
        // body-size feature); whichever stops the read first, the answer is the same.
        using var factory = new PhoneWebFactory(realServer: true);
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        client.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader();
        var before = await client.GetStringAsync("/api/config");

        var response = await client.PutAsync("/api/config", new ChunkedContent(Repeat("SIP1 Label :Chunked\n", 2 * MiB), "text/plain"));

        await AssertTooLargeAsync(response, "The configuration file is larger than 1 MiB.");
        Assert.Equal(before, await client.GetStringAsync("/api/config"));
    }

    /// <summary>413 problem details whose detail names the limit.</summary>
    private static async Task AssertTooLargeAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (string)(await response.ReadNodeAsync())["detail"]!);
    }

    private static byte[] Repeat(string row, int atLeast)
    {
        var text = new StringBuilder(atLeast + row.Length);
        while (text.Length < atLeast)
        {
            text.Append(row);
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A line body of exactly <paramref name="size"/> bytes; an unknown member carries the padding.</summary>
    private static byte[] JsonOfSize(string label, int size)
    {
        var start = $"{{\"label\":\"{label}\",\"padding\":\"";
        const string end = "\"}";
        return Encoding.UTF8.GetBytes(start + new string('x', size - start.Length - end.Length) + end);
    }
}
