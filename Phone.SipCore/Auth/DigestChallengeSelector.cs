namespace Phone.SipCore.Auth;

/// <summary>
/// Picks the challenge to answer from all WWW-Authenticate or Proxy-Authenticate headers of one
/// response. RFC 8760 2.4 / RFC 7616 3.7: a server may offer several algorithms and the client
/// uses the strongest it supports; among equals, the server's order wins (first listed).
/// </summary>
public static class DigestChallengeSelector
{
    /// <summary>
    /// Returns the strongest usable challenge, optionally only those for <paramref name="realm"/>.
    /// Malformed headers and unsupported algorithms are skipped; when nothing is usable, the
    /// reason lists why each candidate was rejected.
    /// </summary>
    public static bool TrySelect(
        IEnumerable<string> headerValues,
        string? realm,
        out DigestChallenge? challenge,
        out string? reason)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        challenge = null;
        var rejections = new List<string>();
        foreach (var value in headerValues)
        {
            if (!DigestChallenge.TryParseAll(value, out var parsed, out var error))
            {
                rejections.Add($"malformed challenge ({error})");
                continue;
            }
            if (parsed.Count == 0)
            {
                rejections.Add("no Digest challenge in header");
            }
            foreach (var candidate in parsed)
            {
                if (!IsUsable(candidate, realm, out var why))
                {
                    rejections.Add(why!);
                    continue;
                }
                // Strictly stronger replaces, so the first of equal strength is kept.
                if (challenge is null || candidate.Algorithm!.Strength > challenge.Algorithm!.Strength)
                {
                    challenge = candidate;
                }
            }
        }
        reason = challenge is null
            ? rejections.Count == 0 ? "no challenge headers" : "no usable Digest challenge: " + string.Join("; ", rejections)
            : null;
        return challenge is not null;
    }

    /// <summary>Whether this phone can answer <paramref name="challenge"/>, and why not.</summary>
    public static bool IsUsable(DigestChallenge challenge, string? realm, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        reason = null;
        if (challenge.Algorithm is null)
        {
            reason = $"unsupported algorithm '{challenge.AlgorithmName}'";
        }
        else if (realm is not null && !string.Equals(challenge.Realm, realm, StringComparison.Ordinal))
        {
            reason = $"realm '{challenge.Realm}' is not '{realm}'";
        }
        else if (challenge.Qop.Count > 0 && !challenge.OffersQopAuth && !challenge.OffersQopAuthInt)
        {
            reason = $"no supported qop in '{string.Join(",", challenge.Qop)}'";
        }
        else if (challenge.Algorithm.IsSession && challenge.Qop.Count == 0)
        {
            // RFC 2617 3.2.2: cnonce is forbidden without qop, but -sess needs one for HA1.
            reason = $"{challenge.Algorithm.Name} without qop cannot be answered";
        }
        return reason is null;
    }
}
