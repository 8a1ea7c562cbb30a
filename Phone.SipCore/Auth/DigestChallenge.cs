namespace Phone.SipCore.Auth;

/// <summary>
/// A Digest challenge from a WWW-Authenticate (401) or Proxy-Authenticate (407) header
/// (RFC 3261 22.4, RFC 2617 3.2.1, RFC 7616 3.3, RFC 8760 2).
/// </summary>
/// <param name="Realm">Protection space; shown to users and part of HA1.</param>
/// <param name="Nonce">Server nonce, used verbatim.</param>
/// <param name="Opaque">Echoed back unchanged when present (RFC 7616 3.3).</param>
/// <param name="AlgorithmName">The algorithm token as sent; null when absent (meaning MD5).</param>
/// <param name="Algorithm">The matching supported algorithm, or null when the token is unsupported.</param>
/// <param name="Qop">Offered qop values, lower-cased; empty for the RFC 2069 legacy form.</param>
/// <param name="Stale">True when only the nonce was rejected, not the credentials (RFC 7616 3.3).</param>
/// <param name="Domain">Protection-space URIs from the domain parameter, if any.</param>
public sealed record DigestChallenge(
    string Realm,
    string Nonce,
    string? Opaque,
    string? AlgorithmName,
    DigestAlgorithm? Algorithm,
    IReadOnlyList<string> Qop,
    bool Stale,
    IReadOnlyList<string> Domain)
{
    /// <summary>True when this phone can answer the challenge.</summary>
    public bool IsSupported => Algorithm is not null;

    /// <summary>True when the server offered qop=auth (the form we prefer, RFC 7616 3.4).</summary>
    public bool OffersQopAuth => Qop.Contains("auth");

    /// <summary>True when the server offered qop=auth-int (body integrity).</summary>
    public bool OffersQopAuthInt => Qop.Contains("auth-int");

    /// <summary>
    /// Parses one header value holding exactly one challenge. Never throws: a bad value returns
    /// false with a reason suitable for a log line.
    /// </summary>
    public static bool TryParse(string? headerValue, out DigestChallenge? challenge, out string? error)
    {
        challenge = null;
        if (!TryParseAll(headerValue, out var all, out error))
        {
            return false;
        }
        if (all.Count != 1)
        {
            error = $"expected one Digest challenge, found {all.Count}";
            return false;
        }
        challenge = all[0];
        return true;
    }

    /// <summary>
    /// Parses every Digest challenge in one header value (RFC 7235 4.1 allows several; other schemes
    /// such as Basic are skipped). Fails when the value is malformed or a Digest challenge lacks a
    /// required parameter; succeeds with an empty list when no Digest challenge is present.
    /// </summary>
    public static bool TryParseAll(string? headerValue, out IReadOnlyList<DigestChallenge> challenges, out string? error)
    {
        challenges = [];
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            error = "empty header value";
            return false;
        }
        if (!AuthHeaderTokenizer.TryTokenize(headerValue, out var raw, out error))
        {
            return false;
        }
        var result = new List<DigestChallenge>();
        foreach (var item in raw)
        {
            if (!string.Equals(item.Scheme, "Digest", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!TryBuild(item, out var challenge, out error))
            {
                return false;
            }
            result.Add(challenge!);
        }
        challenges = result;
        return true;
    }

    private static bool TryBuild(RawChallenge raw, out DigestChallenge? challenge, out string? error)
    {
        challenge = null;
        error = null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in raw.Parameters)
        {
            // RFC 7616 3.3 / RFC 7235 2.2: each parameter name only once per challenge.
            if (!values.TryAdd(name, value))
            {
                error = $"parameter '{name}' appears twice";
                return false;
            }
        }
        if (!values.TryGetValue("realm", out var realm))
        {
            error = "Digest challenge has no realm";
            return false;
        }
        if (!values.TryGetValue("nonce", out var nonce) || nonce.Length == 0)
        {
            error = "Digest challenge has no nonce";
            return false;
        }
        values.TryGetValue("opaque", out var opaque);
        values.TryGetValue("algorithm", out var algorithmName);
        DigestAlgorithm? algorithm = DigestAlgorithm.TryFromName(algorithmName, out var known) ? known : null;

        var stale = false;
        if (values.TryGetValue("stale", out var staleText))
        {
            // RFC 7616 3.3: "true" case-insensitively; any other value means false.
            stale = string.Equals(staleText.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        }
        var qop = values.TryGetValue("qop", out var qopText)
            ? SplitList(qopText, ',').Select(q => q.ToLowerInvariant()).Distinct().ToArray()
            : [];
        var domain = values.TryGetValue("domain", out var domainText) ? SplitList(domainText, ' ') : [];

        challenge = new DigestChallenge(realm, nonce, opaque, algorithmName, algorithm, qop, stale, domain);
        return true;
    }

    private static string[] SplitList(string text, char separator) =>
        text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
