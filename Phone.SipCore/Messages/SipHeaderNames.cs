using System.Text;

namespace Phone.SipCore.Messages;

/// <summary>
/// The header name table: long names, compact forms (RFC 3261 7.3.3 and the
/// extensions that registered one: RFC 3265 o/u, RFC 3515 r, RFC 3892 b, RFC 4028 x,
/// RFC 3841 a/j/d, RFC 4474 y/n), and which headers are comma-separated lists.
/// </summary>
public static class SipHeaderNames
{
    private readonly record struct Entry(HeaderId Id, string Name, char Compact, bool IsList, bool IsSingle);

    private static readonly Entry[] Entries =
    [
        new(HeaderId.Unknown, "", '\0', false, false),
        new(HeaderId.Via, "Via", 'v', true, false),
        new(HeaderId.From, "From", 'f', false, true),
        new(HeaderId.To, "To", 't', false, true),
        new(HeaderId.CallId, "Call-ID", 'i', false, true),
        new(HeaderId.CSeq, "CSeq", '\0', false, true),
        new(HeaderId.Contact, "Contact", 'm', true, false),
        new(HeaderId.MaxForwards, "Max-Forwards", '\0', false, true),
        new(HeaderId.ContentLength, "Content-Length", 'l', false, true),
        new(HeaderId.ContentType, "Content-Type", 'c', false, false),
        new(HeaderId.ContentEncoding, "Content-Encoding", 'e', true, false),
        new(HeaderId.ContentDisposition, "Content-Disposition", '\0', false, false),
        new(HeaderId.Expires, "Expires", '\0', false, false),
        new(HeaderId.MinExpires, "Min-Expires", '\0', false, false),
        new(HeaderId.Event, "Event", 'o', false, false),
        new(HeaderId.SubscriptionState, "Subscription-State", '\0', false, false),
        new(HeaderId.AllowEvents, "Allow-Events", 'u', true, false),
        new(HeaderId.RetryAfter, "Retry-After", '\0', false, false),
        new(HeaderId.WwwAuthenticate, "WWW-Authenticate", '\0', false, false),
        new(HeaderId.ProxyAuthenticate, "Proxy-Authenticate", '\0', false, false),
        new(HeaderId.Authorization, "Authorization", '\0', false, false),
        new(HeaderId.ProxyAuthorization, "Proxy-Authorization", '\0', false, false),
        new(HeaderId.Route, "Route", '\0', true, false),
        new(HeaderId.RecordRoute, "Record-Route", '\0', true, false),
        new(HeaderId.Subject, "Subject", 's', false, false),
        new(HeaderId.Supported, "Supported", 'k', true, false),
        new(HeaderId.Require, "Require", '\0', true, false),
        new(HeaderId.ProxyRequire, "Proxy-Require", '\0', true, false),
        new(HeaderId.Unsupported, "Unsupported", '\0', true, false),
        new(HeaderId.Allow, "Allow", '\0', true, false),
        new(HeaderId.Accept, "Accept", '\0', true, false),
        new(HeaderId.Date, "Date", '\0', false, false),
        new(HeaderId.Timestamp, "Timestamp", '\0', false, false),
        new(HeaderId.UserAgent, "User-Agent", '\0', false, false),
        new(HeaderId.Server, "Server", '\0', false, false),
        new(HeaderId.Warning, "Warning", '\0', true, false),
        new(HeaderId.ReferTo, "Refer-To", 'r', false, false),
        new(HeaderId.ReferredBy, "Referred-By", 'b', false, false),
        new(HeaderId.SessionExpires, "Session-Expires", 'x', false, false),
        new(HeaderId.AcceptContact, "Accept-Contact", 'a', true, false),
        new(HeaderId.RejectContact, "Reject-Contact", 'j', true, false),
        new(HeaderId.RequestDisposition, "Request-Disposition", 'd', true, false),
        new(HeaderId.Identity, "Identity", 'y', false, false),
        new(HeaderId.IdentityInfo, "Identity-Info", 'n', false, false),
    ];

    // Indexed by lower-case ASCII letter; built once so a compact name costs one array read.
    private static readonly HeaderId[] CompactTable = BuildCompactTable();

    // Long names as ASCII bytes, grouped by length so a lookup compares only same-length names.
    private static readonly (byte[] Name, HeaderId Id)[][] ByLength = BuildLengthTable();

    /// <summary>Resolves a header name (long or compact, any case) to its id; Unknown if not in the table.</summary>
    public static HeaderId Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c is >= 'a' and <= 'z' ? CompactTable[c - 'a'] : HeaderId.Unknown;
        }
        if (name.Length >= ByLength.Length)
        {
            return HeaderId.Unknown;
        }
        foreach (var (candidate, id) in ByLength[name.Length])
        {
            if (EqualsLower(name, candidate))
            {
                return id;
            }
        }
        return HeaderId.Unknown;
    }

    // Candidates are stored in lower case. Setting bit 0x20 lower-cases letters and leaves every
    // other token character (RFC 3261 25.1) unchanged or outside the candidates' alphabet, so
    // one OR per byte is a case-insensitive compare; names are short, so a plain loop is fastest.
    private static bool EqualsLower(ReadOnlySpan<byte> name, byte[] lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            if ((name[i] | 0x20) != lower[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Resolves a header name given as text.</summary>
    public static HeaderId Lookup(string name)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (name.Length > buffer.Length || !Ascii.IsValid(name))
        {
            return HeaderId.Unknown;
        }
        var written = Encoding.ASCII.GetBytes(name, buffer);
        return Lookup(buffer[..written]);
    }

    /// <summary>The canonical long name, e.g. "Call-ID"; empty for Unknown.</summary>
    public static string GetLongName(HeaderId id) => Entries[(int)id].Name;

    /// <summary>The compact form letter, or null when the header has none.</summary>
    public static char? GetCompactForm(HeaderId id) => Entries[(int)id].Compact == '\0' ? null : Entries[(int)id].Compact;

    /// <summary>
    /// True when several values may share one line separated by commas
    /// (RFC 3261 7.3.1: only headers whose grammar is a comma list).
    /// </summary>
    public static bool IsList(HeaderId id) => Entries[(int)id].IsList;

    /// <summary>True when a message may carry the header at most once (RFC 4475 3.3.8, 3.3.9).</summary>
    public static bool IsSingle(HeaderId id) => Entries[(int)id].IsSingle;

    private static HeaderId[] BuildCompactTable()
    {
        var table = new HeaderId[26];
        foreach (var entry in Entries)
        {
            if (entry.Compact != '\0')
            {
                table[entry.Compact - 'a'] = entry.Id;
            }
        }
        return table;
    }

    private static (byte[], HeaderId)[][] BuildLengthTable()
    {
        var max = Entries.Max(e => e.Name.Length);
        var lists = new List<(byte[], HeaderId)>[max + 1];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }
        foreach (var entry in Entries.Where(e => e.Id != HeaderId.Unknown))
        {
            lists[entry.Name.Length].Add((Encoding.ASCII.GetBytes(entry.Name.ToLowerInvariant()), entry.Id));
        }
        return lists.Select(l => l.ToArray()).ToArray();
    }
}
