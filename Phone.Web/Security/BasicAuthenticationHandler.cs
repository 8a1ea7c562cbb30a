using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Phone.Web.Security;

/// <summary>
/// HTTP Basic (RFC 7617) for scripts, monitoring and hub clients. Checked by
/// <see cref="AdminSignIn"/> against the current hash, counted in the same per-address throttle
/// as the login form; a throttled client gets 429. No session, so no security stamp.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminSignIn signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string ThrottledKey = "FeatureSync.Throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        string userName = "", password = "";
        var malformed = true;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                (userName, password, malformed) = (decoded[..colon], decoded[(colon + 1)..], false);
            }
        }
        catch (FormatException)
        {
            // Checked below as an empty password: it counts as a failure like any other.
        }
        var check = await signIn.CheckAsync(Context.Connection.RemoteIpAddress, userName, password, Context.RequestAborted);
        if (check.RetryAfter is { } wait)
        {
            Context.Items[ThrottledKey] = wait;
            return AuthenticateResult.Fail("Too many failed sign-ins.");
        }
        if (!check.Succeeded)
        {
            return AuthenticateResult.Fail(malformed ? "Malformed Basic credentials." : "Wrong user name or password.");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminAccount.UserName)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledKey] is TimeSpan wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Basic realm=\"{ProductInfoRealm}\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private const string ProductInfoRealm = "FeatureSync";
}
