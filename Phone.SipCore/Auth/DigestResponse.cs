using System.Globalization;
using System.Text;

namespace Phone.SipCore.Auth;

/// <summary>
/// The computed credentials for one request: the parameters of an Authorization or
/// Proxy-Authorization header (RFC 3261 22.4, RFC 7616 3.4).
/// </summary>
/// <param name="Qop">"auth", "auth-int", or null for the RFC 2069 form without cnonce and nc.</param>
/// <param name="NonceCount">Requests sent with this nonce, this one included; null without qop.</param>
public sealed record DigestResponse(
    string Username,
    string Realm,
    string Nonce,
    string Uri,
    string Response,
    string Algorithm,
    string? Cnonce,
    uint? NonceCount,
    string? Qop,
    string? Opaque)
{
    /// <summary>nc as sent: exactly 8 lower-case hex digits (RFC 7616 3.4).</summary>
    public string? NonceCountText => NonceCount?.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>
    /// The header value, e.g. <c>Digest username="alice", realm="...", ...</c>. qop, nc and algorithm
    /// are unquoted tokens; the rest are quoted strings (RFC 7616 3.4, RFC 3261 25.1).
    /// </summary>
    public string ToHeaderValue()
    {
        var builder = new StringBuilder("Digest ");
        AppendQuoted(builder, "username", Username);
        AppendQuoted(builder, "realm", Realm);
        AppendQuoted(builder, "nonce", Nonce);
        AppendQuoted(builder, "uri", Uri);
        AppendQuoted(builder, "response", Response);
        builder.Append(", algorithm=").Append(Algorithm);
        if (Cnonce is not null)
        {
            AppendQuoted(builder, "cnonce", Cnonce);
        }
        if (Opaque is not null)
        {
            AppendQuoted(builder, "opaque", Opaque);
        }
        if (Qop is not null)
        {
            builder.Append(", qop=").Append(Qop);
            builder.Append(", nc=").Append(NonceCountText);
        }
        return builder.ToString();
    }

    private static void AppendQuoted(StringBuilder builder, string name, string value)
    {
        if (builder.Length > "Digest ".Length)
        {
            builder.Append(", ");
        }
        builder.Append(name).Append("=\"");
        foreach (var c in value)
        {
            // A CR or LF would end the header and let a value inject headers of its own.
            if (c is '\r' or '\n')
            {
                throw new ArgumentException($"Digest {name} must not contain CR or LF.", name);
            }
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        builder.Append('"');
    }
}
