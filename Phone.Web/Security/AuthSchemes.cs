namespace Phone.Web.Security;

/// <summary>Names of the authentication schemes.</summary>
public static class AuthSchemes
{
    /// <summary>Picks <see cref="Basic"/> when the request carries Basic credentials, else the cookie.</summary>
    public const string Selector = "FeatureSync";

    public const string Cookie = "FeatureSync.Cookie";

    public const string Basic = "Basic";
}
