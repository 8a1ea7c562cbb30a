namespace Phone.Web.Https;

/// <summary>Whether plain HTTP is refused (redirected to HTTPS, with HSTS on HTTPS responses).</summary>
public sealed record HttpsPolicy(bool RequireHttps)
{
    /// <summary>
    /// One year, the usual production value: long enough that a browser which saw the phone
    /// over HTTPS once never falls back to plain HTTP in between visits.
    /// </summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <summary>Reads <see cref="WebHttpsKeys.RequireHttps"/>, failing at start-up with its name on a bad value.</summary>
    public static HttpsPolicy FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[WebHttpsKeys.RequireHttps];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new HttpsPolicy(false);
        }
        return bool.TryParse(text, out var require)
            ? new HttpsPolicy(require)
            : throw new InvalidOperationException($"{WebHttpsKeys.RequireHttps} must be true or false; found '{text}'.");
    }
}
