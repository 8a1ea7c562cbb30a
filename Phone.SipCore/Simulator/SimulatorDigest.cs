using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Phone.SipCore.Auth;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Simulator;

/// <summary>
/// The server side of digest (RFC 3261 22.4, RFC 7616): challenges with MD5 and qop=auth, and
/// verifies an Authorization by recomputing the response with <see cref="DigestAuthenticator"/>.
/// Nonces are random and remembered (a bounded set); an unknown nonce gets a stale challenge so
/// the client retries at once without asking anyone (RFC 7616 3.3).
/// </summary>
internal sealed class SimulatorDigest(string realm, Func<string, string?> passwordOf)
{
    private const int MaxNonces = 1024;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _nonces = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>A 401 with a fresh challenge (RFC 3261 22.1).</summary>
    public SipResponse Challenge(SipRequest request, bool stale)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            if (_nonces.Count >= MaxNonces)
            {
                _nonces.Remove(_order.Dequeue());
            }
            _nonces.Add(nonce);
            _order.Enqueue(nonce);
        }
        var value = $"Digest realm=\"{realm}\", nonce=\"{nonce}\", algorithm=MD5, qop=\"auth\"{(stale ? ", stale=true" : "")}";
        return SipMessageBuilder.ForResponseTo(request, 401, null, Messages.SipIds.NewTag())
            .AddHeader(HeaderId.WwwAuthenticate, value)
            .BuildResponse();
    }

    /// <summary>
    /// Checks the request's credentials for this realm. Returns the authenticated user, or null
    /// with <paramref name="stale"/> telling whether only the nonce was unknown.
    /// </summary>
    public string? Verify(SipRequest request, out bool stale)
    {
        stale = false;
        var credentials = request.GetAuthValues(HeaderId.Authorization)
            .FirstOrDefault(v => string.Equals(v.Scheme, "Digest", StringComparison.OrdinalIgnoreCase)
                && string.Equals(v["realm"], realm, StringComparison.Ordinal));
        if (credentials is null || credentials["username"] is not { Length: > 0 } user || credentials["nonce"] is not { } nonce
            || credentials["uri"] is not { } uri || credentials["response"] is not { } response)
        {
            return null;
        }
        if (credentials["algorithm"] is { } algorithm && !string.Equals(algorithm, "MD5", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        lock (_gate)
        {
            if (!_nonces.Contains(nonce))
            {
                stale = true;
                return null;
            }
        }
        if (passwordOf(user) is not { } password)
        {
            return null;
        }
        var qop = credentials["qop"];
        var cnonce = credentials["cnonce"] ?? "";
        uint nc = 1;
        if (qop is not null && (qop != "auth" || cnonce.Length == 0
            || !uint.TryParse(credentials["nc"], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out nc) || nc == 0))
        {
            return null; // only qop=auth is offered; auth-int or a missing cnonce/nc is not ours
        }
        var challenge = new DigestChallenge(realm, nonce, null, "MD5", DigestAlgorithm.Md5,
            qop is null ? [] : ["auth"], false, []);
        var expected = new DigestAuthenticator(() => cnonce)
            .Compute(challenge, new DigestCredentials(user, password), request.Method.Name, uri, nc);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.Response),
            Encoding.ASCII.GetBytes(response.ToLowerInvariant())) ? user : null;
    }
}
