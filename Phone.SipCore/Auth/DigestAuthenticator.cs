using System.Security.Cryptography;

namespace Phone.SipCore.Auth;

/// <summary>
/// Computes digest responses (RFC 2617 3.2.2, RFC 7616 3.4, RFC 8760 for SHA-256 in SIP).
/// Stateless apart from the cnonce source; nonce counting lives in <see cref="DigestSession"/>.
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly Func<string> _cnonceSource;

    /// <summary>Uses 128 random bits per cnonce (RFC 7616 5.4: cnonce should be unpredictable).</summary>
    public DigestAuthenticator()
        : this(null)
    {
    }

    /// <param name="cnonceSource">Supplies each cnonce; tests inject a fixed value.</param>
    public DigestAuthenticator(Func<string>? cnonceSource)
    {
        _cnonceSource = cnonceSource ?? NewRandomCnonce;
    }

    /// <summary>
    /// Answers <paramref name="challenge"/> for one request.
    /// </summary>
    /// <param name="method">The request method (RFC 3261 22.4: A2 uses the SIP method, e.g. REGISTER).</param>
    /// <param name="digestUri">The Request-URI exactly as sent.</param>
    /// <param name="nonceCount">How many requests used this nonce, this one included (1 first).</param>
    /// <param name="body">The message body, used only for qop=auth-int.</param>
    public DigestResponse Compute(
        DigestChallenge challenge,
        DigestCredentials credentials,
        string method,
        string digestUri,
        uint nonceCount,
        ReadOnlySpan<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(digestUri);
        if (!DigestChallengeSelector.IsUsable(challenge, realm: null, out var reason))
        {
            throw new ArgumentException($"Cannot answer this challenge: {reason}.", nameof(challenge));
        }
        if (nonceCount == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nonceCount), "The nonce count starts at 1.");
        }
        var algorithm = challenge.Algorithm!;

        // RFC 7616 3.4.4: prefer auth; auth-int only when it is all the server takes.
        string? qop = challenge.OffersQopAuth ? "auth" : challenge.OffersQopAuthInt ? "auth-int" : null;
        string? cnonce = qop is null ? null : _cnonceSource();
        if (cnonce is not null && cnonce.Length == 0)
        {
            throw new InvalidOperationException("The cnonce source returned an empty cnonce.");
        }

        // RFC 7616 3.4.2: A1 = user:realm:password, and for -sess H(A1):nonce:cnonce.
        var ha1 = algorithm.HashHex($"{credentials.Username}:{challenge.Realm}:{credentials.Password}");
        if (algorithm.IsSession)
        {
            ha1 = algorithm.HashHex($"{ha1}:{challenge.Nonce}:{cnonce}");
        }

        // RFC 7616 3.4.3: A2 = method:uri, and for auth-int also :H(body).
        var a2 = qop == "auth-int"
            ? $"{method}:{digestUri}:{algorithm.HashHex(body)}"
            : $"{method}:{digestUri}";
        var ha2 = algorithm.HashHex(a2);

        string? nc = qop is null ? null : nonceCount.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        // RFC 7616 3.4.1 with qop; RFC 2069 2.1.2 (RFC 2617 3.2.2.1) without.
        var response = qop is null
            ? algorithm.HashHex($"{ha1}:{challenge.Nonce}:{ha2}")
            : algorithm.HashHex($"{ha1}:{challenge.Nonce}:{nc}:{cnonce}:{qop}:{ha2}");

        return new DigestResponse(
            credentials.Username,
            challenge.Realm,
            challenge.Nonce,
            digestUri,
            response,
            algorithm.Name,
            cnonce,
            qop is null ? null : nonceCount,
            qop,
            challenge.Opaque);
    }

    private static string NewRandomCnonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
