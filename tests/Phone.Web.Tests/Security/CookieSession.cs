using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phone.TestSupport;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

/// <summary>
/// A browser-like client signed in through the login form, with its own cookie jar that the
/// test can read: which session the cookie holds and which security stamp it carries.
/// </summary>
internal sealed partial class CookieSession : IDisposable
{
    private static readonly Uri Site = new("http://localhost/");

    private readonly PhoneWebFactory _factory;
    private readonly CookieContainer _cookies = new();

    private CookieSession(PhoneWebFactory factory)
    {
        _factory = factory;
        // No redirect handler: the tests want to see the 302 to /login themselves.
        Client = factory.CreateDefaultClient(Site, new CookieContainerHandler(_cookies));
    }

    public HttpClient Client { get; }

    public static async Task<CookieSession> SignInAsync(PhoneWebFactory factory, string password = PhoneWebFactory.AdminPassword)
    {
        var session = new CookieSession(factory);
        var response = await PhoneWebFactory.PostLoginAsync(session.Client, PhoneWebFactory.AdminUser, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(session.Ticket());
        return session;
    }

    /// <summary>The auth cookie's ticket as the server reads it, or null without one.</summary>
    public AuthenticationTicket? Ticket()
    {
        var cookie = _cookies.GetCookies(Site)["FeatureSync.Auth"];
        if (cookie is null || cookie.Value.Length == 0)
        {
            return null;
        }
        var options = _factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AuthSchemes.Cookie);
        return options.TicketDataFormat.Unprotect(cookie.Value);
    }

    public string SessionId => AdminSession.IdOf(Ticket()?.Principal) ?? throw new InvalidOperationException("Not signed in.");

    /// <summary>The antiforgery token of a page's forms (the layout's sign-out forms).</summary>
    public async Task<string> FormTokenAsync(string path = "/lines")
    {
        var page = await Client.GetStringAsync(path);
        return WebUtility.HtmlDecode(FormToken().Match(page).Groups[1].Value);
    }

    /// <summary>Whether the next page request is served (true) or sent to the login page (false).</summary>
    public async Task<bool> IsSignedInAsync(string path = "/lines")
    {
        var response = await Client.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return true;
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        return false;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
