using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Phone.TestSupport;
using Phone.Web.Tests.Api;

namespace Phone.Web.Tests.Security;

/// <summary>
/// The API accepts the sign-in cookie, so its writes are guarded against forgery on their
/// own (not by SameSite alone): a cookie write needs the pages' antiforgery token in a
/// header, and a write the browser marks as cross-site is refused whatever its credentials.
/// Refusals are 403 problem details and change nothing.
/// </summary>
public sealed partial class ApiWriteGuardTests
{
    private const string Evil = "https://evil.example";

    [Fact]
    public async Task A_cross_site_form_post_with_the_cookie_is_refused_with_403_and_changes_nothing()
    {
        using var factory = new PhoneWebFactory();
        using var browser = await factory.CreateSignedInClientAsync();
        var before = await ExportAsync(factory);
        // What a form on another site makes the browser send: the cookie, a form body, its Origin.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pbx-profiles")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["preset"] = "Generic" }),
        };
        request.Headers.Add("Origin", Evil);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another site", (string)(await response.ReadNodeAsync())["detail"]!);
        Assert.Equal(before, await ExportAsync(factory));
    }

    [Theory]
    [InlineData("PUT", "/api/lines/1", """{"label": "Forged"}""")]
    [InlineData("POST", "/api/pbx-profiles", """{"preset": "Generic"}""")]
    [InlineData("POST", "/api/lines/1/dnd", """{"enabled": true}""")]
    [InlineData("PUT", "/api/config", "SIP1 Label :Forged\n")]
    public async Task A_cookie_write_without_the_antiforgery_header_is_refused_with_403_and_changes_nothing(
        string method, string url, string body)
    {
        using var factory = new PhoneWebFactory();
        using var browser = await factory.CreateSignedInClientAsync();
        var before = await ExportAsync(factory);

        var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(body, Encoding.UTF8, url.EndsWith("config", StringComparison.Ordinal) ? "text/plain" : "application/json"),
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RequestVerificationToken", (string)(await response.ReadNodeAsync())["detail"]!);
        Assert.Equal(before, await ExportAsync(factory));
    }

    [Fact]
    public async Task A_cookie_delete_without_the_header_leaves_the_profile()
    {
        using var factory = new PhoneWebFactory();
        using var admin = factory.CreateAdminClient();
        var id = (int)(await (await admin.PostJsonAsync("/api/pbx-profiles", new { preset = "Generic" })).ReadNodeAsync())["id"]!;
        using var browser = await factory.CreateSignedInClientAsync();

        var response = await browser.DeleteAsync($"/api/pbx-profiles/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single((await (await admin.GetAsync("/api/pbx-profiles")).ReadNodeAsync()).AsArray());
    }

    [Fact]
    public async Task A_cookie_write_with_the_token_a_page_carries_is_accepted_and_cookie_reads_still_work()
    {
        using var factory = new PhoneWebFactory();
        using var browser = await factory.CreateSignedInClientAsync();
        // Every page carries a token for the signed-in user (the sign-out form's).
        var page = await browser.GetStringAsync("/");
        var token = WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
        Assert.NotEmpty(token);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/lines/1") { Content = JsonContent.Create(new { label = "From a page" }) };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The Configuration page's download link is a cookie GET of the API.
        var download = await browser.GetAsync("/api/config");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("SIP1 Label :From a page", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_basic_write_from_a_script_works()
    {
        using var factory = new PhoneWebFactory();
        using var script = factory.CreateAdminClient();

        var response = await script.PutJsonAsync("/api/lines/1", new { label = "Scripted" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Scripted", (string)(await (await script.GetAsync("/api/lines/1")).ReadNodeAsync())["label"]!);
    }

    [Theory]
    [InlineData("Origin", Evil)]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_basic_write_the_browser_marks_as_cross_site_is_refused(string header, string value)
    {
        // Browsers replay Basic credentials they were once given, to other sites' forms too.
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var before = await ExportAsync(factory);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/lines/1") { Content = JsonContent.Create(new { label = "Forged" }) };
        request.Headers.Add(header, value);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await ExportAsync(factory));
    }

    [Fact]
    public async Task A_basic_write_from_this_sites_origin_works()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/lines/1") { Content = JsonContent.Create(new { label = "Same origin" }) };
        request.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_refusal_is_in_the_requests_language()
    {
        using var factory = new PhoneWebFactory();
        using var browser = await factory.CreateSignedInClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/lines/1") { Content = JsonContent.Create(new { label = "Forged" }) };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("防伪令牌", (string)(await response.ReadNodeAsync())["detail"]!);
    }

    /// <summary>Everything stored that a write could change: lines and profiles, as the export writes them.</summary>
    private static async Task<string> ExportAsync(PhoneWebFactory factory)
    {
        using var admin = factory.CreateAdminClient();
        return await admin.GetStringAsync("/api/config");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
