using System.Diagnostics.CodeAnalysis;
using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

/// <summary>
/// An address with optional display name and header parameters, as in From, To,
/// Contact, Route and Record-Route (RFC 3261 20.10, 20.20, 20.39).
/// </summary>
public sealed class NameAddr
{
    private NameAddr(string? displayName, string uriText, SipUri? uri, SipParameters parameters)
    {
        DisplayName = displayName;
        UriText = uriText;
        Uri = uri;
        Parameters = parameters;
    }

    /// <summary>The display name, unquoted with escapes resolved; null when absent.</summary>
    public string? DisplayName { get; }

    /// <summary>The URI text as received (any scheme).</summary>
    public string UriText { get; }

    /// <summary>The URI when it is sip: or sips:, else null (e.g. tel:).</summary>
    public SipUri? Uri { get; }

    /// <summary>Header parameters after the address (tag, expires, q, lr...).</summary>
    public SipParameters Parameters { get; }

    public string? Tag => Parameters.Get("tag");

    public static bool TryParse(string text, [NotNullWhen(true)] out NameAddr? value) =>
        TryParse(Encoding.UTF8.GetBytes(text), out value);

    public static bool TryParse(ReadOnlySpan<byte> text, [NotNullWhen(true)] out NameAddr? value)
    {
        value = null;
        if (!NameAddrParser.TryParse(text, out var p, out _))
        {
            return false;
        }
        value = FromSlices(text, p);
        return true;
    }

    internal static NameAddr FromSlices(ReadOnlySpan<byte> text, in NameAddrSlices p)
    {
        string? display = null;
        if (p.DisplayLength > 0)
        {
            var raw = text.Slice(p.DisplayStart, p.DisplayLength);
            display = p.DisplayQuoted ? SipLexer.Unquote(raw) : SipLexer.Decode(raw);
        }
        else if (p.DisplayQuoted)
        {
            display = "";
        }
        var uriText = text.Slice(p.UriStart, p.UriLength);
        var uri = p.Uri.IsSip ? SipUri.FromSlices(uriText, p.Uri) : null;
        return new NameAddr(display, Encoding.UTF8.GetString(uriText), uri,
            ParameterParser.Parse(text.Slice(p.ParamsStart, p.ParamsLength), uriMode: false));
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        if (DisplayName is not null)
        {
            builder.Append('"').Append(DisplayName.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\" ");
        }
        builder.Append('<').Append(UriText).Append('>');
        foreach (var parameter in Parameters)
        {
            builder.Append(';').Append(parameter.Name);
            if (parameter.Value is not null)
            {
                // Values were unquoted when parsed; quote again any that is not a plain token/host.
                var plain = parameter.Value.Length > 0 && parameter.Value.All(c => c < 128 && (SipLexer.IsToken((byte)c) || c is ':' or '[' or ']'));
                builder.Append('=').Append(plain ? parameter.Value : "\"" + parameter.Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
            }
        }
        return builder.ToString();
    }
}
