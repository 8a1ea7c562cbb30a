using Phone.SipCore.Transport;
using System.Globalization;
using System.Text;
using Phone.SipCore.Lines;
using Phone.Storage.Traces;

namespace Phone.Web.Components.Pages.Troubleshooting;

/// <summary>
/// The parts of a traced SIP message the ladder shows: the key headers (compact forms
/// expanded, RFC 3261 7.3.3) and the body. Plain text only; the page HTML-encodes it.
/// </summary>
public sealed record SipMessageSummary(IReadOnlyList<KeyValuePair<string, string>> KeyHeaders, string Body)
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["from"] = "From", ["f"] = "From",
        ["to"] = "To", ["t"] = "To",
        ["call-id"] = "Call-ID", ["i"] = "Call-ID",
        ["cseq"] = "CSeq",
        ["event"] = "Event", ["o"] = "Event",
        ["subscription-state"] = "Subscription-State",
        ["expires"] = "Expires",
        ["contact"] = "Contact", ["m"] = "Contact",
        ["content-type"] = "Content-Type", ["c"] = "Content-Type",
        ["www-authenticate"] = "WWW-Authenticate",
        ["proxy-authenticate"] = "Proxy-Authenticate",
    };

    public static SipMessageSummary Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? normalized : normalized[..split];
        var body = split < 0 ? "" : normalized[(split + 2)..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split('\n').Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && Names.TryGetValue(line[..colon].Trim(), out var name))
            {
                headers.Add(new(name, line[(colon + 1)..].Trim()));
            }
        }
        return new SipMessageSummary(headers, body);
    }

    /// <summary>The entries as plain text, oldest first, for the export download.</summary>
    public static string Export(int line, IEnumerable<SipTraceEntry> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"FeatureSync SIP trace, line {line}\n\n");
        foreach (var entry in newestFirst.Reverse())
        {
            var arrow = entry.Direction == SipTraceDirection.In ? "<<< from" : ">>> to";
            text.Append(CultureInfo.InvariantCulture, $"{entry.Time:yyyy-MM-dd HH:mm:ss.fff zzz} {arrow} {entry.RemoteEndpoint}\n");
            text.Append(entry.Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')).Append("\n\n");
        }
        return text.ToString();
    }
}
