using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phone.TestSupport;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

/// <summary>Sessions end when they should: the security stamp in the cookie, checked on every request.</summary>
public sealed class SessionStampTests
{
    private const string NewPassword = "the-new-password";

    [Fact]
    public async Task A_password_change_ends_every_other_session_on_its_next_request_and_keeps_the_changing_one()
    {
        using var factory = new PhoneWebFactory();
        using var changing = await CookieSession.SignInAsync(factory);
        using var other = await CookieSession.SignInAsync(factory);
        Assert.True(await changing.IsSignedInAsync());
        Assert.True(await other.IsSignedInAsync());
        Assert.NotEqual(changing.SessionId, other.SessionId);
        var account = factory.Services.GetRequiredService<AdminAccount>();

        // What the Password page does, with its circuit's session id.
        Assert.Null(await account.ChangeAsync(PhoneWebFactory.AdminPassword, NewPassword, changing.SessionId, CancellationToken.None));

        Assert.False(await other.IsSignedInAsync());
        Assert.Null(other.Ticket());
        Assert.False(await other.IsSignedInAsync("/account/password"));
        var api = await other.Client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        // The changing session's next request re-issues its cookie with the new stamp.
        var sessionId = changing.SessionId;
        Assert.True(await changing.IsSignedInAsync());
        var stored = (await account.ReadAsync(CancellationToken.None))!;
        Assert.Equal(stored.SecurityStamp, AdminSession.StampOf(changing.Ticket()!.Principal));
        Assert.Equal(sessionId, changing.SessionId);
        Assert.True(await changing.IsSignedInAsync("/config"));
        Assert.Equal(HttpStatusCode.OK, (await changing.Client.GetAsync("/api/status")).StatusCode);

        // Signing in again with the new password works; HTTP Basic takes only the new one.
        using var again = await CookieSession.SignInAsync(factory, NewPassword);
        Assert.True(await again.IsSignedInAsync());
        using var basic = factory.CreateAnonymousClient();
        basic.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader(password: NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_change_without_a_session_to_keep_ends_all_of_them()
    {
        using var factory = new PhoneWebFactory();
        using var first = await CookieSession.SignInAsync(factory);
        using var second = await CookieSession.SignInAsync(factory);

        Assert.Null(await factory.Services.GetRequiredService<AdminAccount>()
            .ChangeAsync(PhoneWebFactory.AdminPassword, NewPassword, CancellationToken.None));

        Assert.False(await first.IsSignedInAsync());
        Assert.False(await second.IsSignedInAsync());
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_this_session_and_every_other_one()
    {
        using var factory = new PhoneWebFactory();
        using var asking = await CookieSession.SignInAsync(factory);
        using var other = await CookieSession.SignInAsync(factory);
        var token = await asking.FormTokenAsync();

        var forged = await asking.Client.PostAsync(SessionEndpoints.SignOutEverywherePath, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(await other.IsSignedInAsync());

        var response = await asking.Client.PostAsync(SessionEndpoints.SignOutEverywherePath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.False(await asking.IsSignedInAsync());
        Assert.False(await other.IsSignedInAsync());
        // The password is unchanged: signing in again works, and so does HTTP Basic.
        using var again = await CookieSession.SignInAsync(factory);
        Assert.True(await again.IsSignedInAsync());
        using var basic = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_without_a_stamp_from_before_stamps_existed_is_refused()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AuthSchemes.Cookie);
        // The claims the sign-in gave before this change: the name only.
        var old = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminAccount.UserName)], AuthSchemes.Cookie));
        var cookie = options.TicketDataFormat.Protect(new AuthenticationTicket(old, new AuthenticationProperties(), AuthSchemes.Cookie));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/lines");
        request.Headers.Add("Cookie", $"FeatureSync.Auth={cookie}");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }
}
