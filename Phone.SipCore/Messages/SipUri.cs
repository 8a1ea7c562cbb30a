using System.Diagnostics.CodeAnalysis;
using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 19.1). Components keep their escaped form as received;
/// equality follows 19.1.4 (escapes resolved, host case-insensitive, user case-sensitive),
/// so "sip:%2A78@pbx" equals "sip:*78@pbx".
/// </summary>
public sealed class SipUri : IEquatable<SipUri>
{
    // RFC 3261 19.1.4: these parameters must match even when only one URI carries them.
    private static readonly string[] MustMatchParameters = ["user", "ttl", "method", "maddr", "transport"];

    private readonly string _text;

    private SipUri(string text, string scheme, string? user, string? password, string host, int? port,
        SipParameters parameters, SipParameters headers)
    {
        _text = text;
        Scheme = scheme;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
    }

    /// <summary>"sip" or "sips", lower case.</summary>
    public string Scheme { get; }

    public bool IsSecure => Scheme == "sips";

    /// <summary>The user part, escaped as received; null when absent.</summary>
    public string? User { get; }

    public string? Password { get; }

    /// <summary>Host name, IPv4 address or bracketed IPv6 reference ("[2001:db8::1]").</summary>
    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; }

    /// <summary>URI headers ("?name=value&amp;..."), escaped as received.</summary>
    public SipParameters Headers { get; }

    /// <summary>The user part with escapes resolved (RFC 3261 19.1.2), e.g. "*78" for "%2A78".</summary>
    public string? UnescapedUser => User is null ? null : Unescape(User);

    public string? Transport => Parameters.Get("transport");

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"Not a valid SIP URI: '{text}'.");

    public static bool TryParse(string text, [NotNullWhen(true)] out SipUri? uri) =>
        TryParse(Encoding.UTF8.GetBytes(text), out uri);

    public static bool TryParse(ReadOnlySpan<byte> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (!SipUriParser.TryParse(text, out var p, out _) || !p.IsSip)
        {
            return false;
        }
        uri = FromSlices(text, p);
        return true;
    }

    internal static SipUri FromSlices(ReadOnlySpan<byte> text, in UriSlices p)
    {
        var headers = p.HeadersLength < 0
            ? SipParameters.Empty
            : new SipParameters(Encoding.UTF8.GetString(text.Slice(p.HeadersStart, p.HeadersLength))
                .Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(h => h.Split('=', 2) is var kv && kv.Length == 2 ? new SipParameter(kv[0], kv[1]) : new SipParameter(h, null)));
        return new SipUri(
            Encoding.UTF8.GetString(text),
            Encoding.ASCII.GetString(text[..p.SchemeLength]).ToLowerInvariant(),
            Slice(text, p.UserStart, p.UserLength),
            Slice(text, p.PasswordStart, p.PasswordLength),
            Slice(text, p.HostStart, p.HostLength)!,
            p.Port < 0 ? null : p.Port,
            ParameterParser.Parse(text.Slice(p.ParamsStart, p.ParamsLength), uriMode: true),
            headers);
    }

    private static string? Slice(ReadOnlySpan<byte> text, int start, int length) =>
        length < 0 ? null : Encoding.UTF8.GetString(text.Slice(start, length));

    public bool Equals(SipUri? other)
    {
        if (other is null)
        {
            return false;
        }
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        // RFC 3261 19.1.4: userinfo case-sensitive after unescaping, host case-insensitive,
        // a port present in one only means different URIs.
        if (Scheme != other.Scheme
            || !string.Equals(UnescapeOrNull(User), UnescapeOrNull(other.User), StringComparison.Ordinal)
            || !string.Equals(UnescapeOrNull(Password), UnescapeOrNull(other.Password), StringComparison.Ordinal)
            || !string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
            || Port != other.Port)
        {
            return false;
        }
        foreach (var parameter in Parameters)
        {
            if (other.Parameters.TryGet(parameter.Name, out var value))
            {
                if (!string.Equals(UnescapeOrNull(parameter.Value), UnescapeOrNull(value), StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
            else if (MustMatchParameters.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        foreach (var parameter in other.Parameters)
        {
            if (!Parameters.Contains(parameter.Name) && MustMatchParameters.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        // Header components are never ignored: each must be in both and match; like everything
        // but userinfo they compare case-insensitively.
        if (Headers.Count != other.Headers.Count)
        {
            return false;
        }
        foreach (var header in Headers)
        {
            if (!other.Headers.TryGet(header.Name, out var value)
                || !string.Equals(UnescapeOrNull(header.Value), UnescapeOrNull(value), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SipUri);

    public override int GetHashCode() =>
        HashCode.Combine(Scheme, UnescapeOrNull(User), StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port);

    /// <summary>The URI text exactly as parsed.</summary>
    public override string ToString() => _text;

    public static bool operator ==(SipUri? left, SipUri? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SipUri? left, SipUri? right) => !(left == right);

    private static string? UnescapeOrNull(string? s) => s is null ? null : Unescape(s);

    /// <summary>Resolves %HH escapes as UTF-8 bytes (RFC 3261 19.1.2).</summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('%'))
        {
            return s;
        }
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex(s[i + 1]) << 4) | Uri.FromHex(s[i + 2])));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
