using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Admin;
using Phone.TestSupport;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

public sealed class SignInTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/lines")]
    [InlineData("/profiles")]
    [InlineData("/troubleshooting")]
    [InlineData("/config")]
    [InlineData("/account/password")]
    public async Task Pages_send_an_anonymous_browser_to_the_login_page(string path)
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_login_page_and_its_assets_are_open()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/icons/featuresync.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_framework/blazor.web.js")).StatusCode);
    }

    [Fact]
    public async Task The_login_form_signs_in_with_a_cookie_and_refuses_a_wrong_password()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var wrong = await PhoneWebFactory.PostLoginAsync(client, "admin", "not-the-password", "/lines");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Wrong user name or password", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/lines")).StatusCode);

        var right = await PhoneWebFactory.PostLoginAsync(client, "admin", PhoneWebFactory.AdminPassword, "/lines");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/lines", new Uri(client.BaseAddress!, right.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lines")).StatusCode);
        // A cookie also opens the API for the page's own download link.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/config")).StatusCode);
    }

    [Fact]
    public async Task A_login_form_post_without_the_antiforgery_token_is_refused()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = "admin", ["Input.Password"] = PhoneWebFactory.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var cookies = response.Headers.Where(h => h.Key == "Set-Cookie").SelectMany(h => h.Value);
        Assert.DoesNotContain(cookies, v => v.StartsWith("FeatureSync.Auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_form_logins_are_rate_limited_even_for_the_right_password()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            await PhoneWebFactory.PostLoginAsync(client, "admin", $"guess-{i}");
        }
        var blocked = await PhoneWebFactory.PostLoginAsync(client, "admin", PhoneWebFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Too many failed sign-ins", await blocked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Failed_basic_logins_are_rate_limited_with_429_and_retry_after()
    {
        using var factory = new PhoneWebFactory();
        using var wrong = factory.CreateAnonymousClient();
        wrong.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader(password: "nope");

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/status")).StatusCode);
        }
        using var right = factory.CreateAdminClient();
        var blocked = await right.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.NotNull(blocked.Headers.RetryAfter);
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        using var factory = new PhoneWebFactory();
        using var client = await factory.CreateSignedInClientAsync();
        var page = await client.GetStringAsync("/lines");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var forged = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lines")).StatusCode);
        var response = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/lines")).StatusCode);
    }

    [Fact]
    public async Task A_changed_password_replaces_the_old_one_at_once()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);
        var account = factory.Services.GetRequiredService<AdminAccount>();

        Assert.Equal("Password.WrongCurrent", await account.ChangeAsync("wrong", "new-password-1", CancellationToken.None));
        Assert.Equal("Password.Length", await account.ChangeAsync(PhoneWebFactory.AdminPassword, "short", CancellationToken.None));
        Assert.Null(await account.ChangeAsync(PhoneWebFactory.AdminPassword, "new-password-1", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/status")).StatusCode);
        using var renewed = factory.CreateAnonymousClient();
        renewed.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader(password: "new-password-1");
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_password_a_random_one_is_stored_only_as_a_hash()
    {
        using var factory = new PhoneWebFactory().WithSetting("FeatureSync:AdminPassword", "");
        using var client = factory.CreateAdminClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/status")).StatusCode);
        var hash = await factory.Services.GetRequiredService<AdminCredentialRepository>().GetHashAsync("admin");
        // v2: PasswordHasher output behind our version prefix (was our own "pbkdf2-sha256$" format).
        Assert.StartsWith(PasswordHashing.CurrentPrefix, hash);
    }

    [Fact]
    public void Password_hashes_are_salted_and_verify()
    {
        var first = PasswordHashing.Hash("correct horse");
        var second = PasswordHashing.Hash("correct horse");

        Assert.NotEqual(first, second);
        Assert.True(PasswordHashing.Verify("correct horse", first));
        Assert.False(PasswordHashing.Verify("correct horsE", first));
        Assert.False(PasswordHashing.Verify("x", "garbage"));
        Assert.DoesNotContain("correct horse", first);
    }
}
