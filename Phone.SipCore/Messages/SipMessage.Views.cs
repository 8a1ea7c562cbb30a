using System.Diagnostics.CodeAnalysis;
using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

// Typed views, parsed on demand from the header slices. The parser already validated
// Via, From, To, Call-ID and CSeq, so those views cannot fail; the others report
// failure so the caller can answer 400 (RFC 3261 21.4.1) or ignore the header.
public abstract partial class SipMessage
{
    private string? _callId;
    private NameAddr? _from;
    private NameAddr? _to;
    private IReadOnlyList<Via>? _vias;

    /// <summary>Call-ID bytes, without allocating (RFC 3261 20.8).</summary>
    public ReadOnlySpan<byte> CallIdSpan => GetValueSpan(HeaderId.CallId);

    public string CallId => _callId ??= Encoding.UTF8.GetString(CallIdSpan);

    public NameAddr From => _from ??= ParseAddress(HeaderId.From);

    public NameAddr To => _to ??= ParseAddress(HeaderId.To);

    // The tags are what dialog matching and routing read of From and To on every request. The
    // parser already found their bytes while it validated the headers (FromTagSpan, ToTagSpan),
    // so the common case costs one small string, not a NameAddr with its URI and parameter list.
    // No tag found there falls back to the full parse, which decides the rare cases (e.g. an
    // empty tag) as before.
    private string? _fromTagText;
    private string? _toTagText;

    public string? FromTag => _fromTagText ??= FromTagSpan.IsEmpty ? From.Tag : Encoding.UTF8.GetString(FromTagSpan);

    public string? ToTag => _toTagText ??= ToTagSpan.IsEmpty ? To.Tag : Encoding.UTF8.GetString(ToTagSpan);

    /// <summary>Every Via value in order, top first (RFC 3261 20.42).</summary>
    public IReadOnlyList<Via> Vias => _vias ??= ParseVias();

    public Via TopVia => Vias[0];

    /// <summary>Expires header in seconds; null when absent or not a 32-bit number.</summary>
    public uint? Expires => GetUInt(HeaderId.Expires);

    public uint? MinExpires => GetUInt(HeaderId.MinExpires);

    /// <summary>Contact values; false when any is malformed (the caller answers 400).</summary>
    public bool TryGetContacts([NotNullWhen(true)] out IReadOnlyList<Contact>? contacts)
    {
        var list = new List<Contact>();
        contacts = null;
        foreach (var item in Elements(HeaderId.Contact))
        {
            if (item is null)
            {
                return false;
            }
            if (item is [(byte)'*'])
            {
                list.Add(Contact.Wildcard);
            }
            else if (NameAddr.TryParse(item, out var address))
            {
                list.Add(new Contact(address));
            }
            else
            {
                return false;
            }
        }
        contacts = list;
        return true;
    }

    /// <summary>Route (or Record-Route) values in order; false when any is malformed.</summary>
    public bool TryGetRoutes(HeaderId id, [NotNullWhen(true)] out IReadOnlyList<NameAddr>? routes)
    {
        var list = new List<NameAddr>();
        routes = null;
        foreach (var item in Elements(id))
        {
            if (item is null || !NameAddr.TryParse(item, out var address))
            {
                return false;
            }
            list.Add(address);
        }
        routes = list;
        return true;
    }

    /// <summary>Event (RFC 6665 8.2.1): package token and parameters (id).</summary>
    public bool TryGetEvent([NotNullWhen(true)] out SipEvent? value)
    {
        value = TryTokenWithParameters(HeaderId.Event, out var package, out var parameters)
            ? new SipEvent(package, parameters)
            : null;
        return value is not null;
    }

    /// <summary>Subscription-State (RFC 6665 8.2.3).</summary>
    public bool TryGetSubscriptionState([NotNullWhen(true)] out SubscriptionState? value)
    {
        value = TryTokenWithParameters(HeaderId.SubscriptionState, out var state, out var parameters)
            ? new SubscriptionState(state, parameters)
            : null;
        return value is not null;
    }

    /// <summary>Content-Type with its parameters (boundary, charset).</summary>
    public bool TryGetContentType([NotNullWhen(true)] out MediaType? value)
    {
        value = null;
        var s = GetValueSpan(HeaderId.ContentType);
        var slash = s.IndexOf((byte)'/');
        if (slash <= 0)
        {
            return false;
        }
        var type = SipLexer.Trim(s[..slash]);
        var rest = s[(slash + 1)..];
        var semi = rest.IndexOf((byte)';');
        var subtype = SipLexer.Trim(semi < 0 ? rest : rest[..semi]);
        var parameters = semi < 0 ? [] : rest[semi..];
        if (!SipLexer.IsTokenSpan(type) || !SipLexer.IsTokenSpan(subtype) || !ParameterParser.Validate(parameters, false))
        {
            return false;
        }
        value = new MediaType(Encoding.ASCII.GetString(type), Encoding.ASCII.GetString(subtype),
            ParameterParser.Parse(parameters, false));
        return true;
    }

    /// <summary>Retry-After: delta-seconds [comment] *(;param) (RFC 3261 20.33).</summary>
    public bool TryGetRetryAfter([NotNullWhen(true)] out RetryAfter? value)
    {
        value = null;
        var s = SipLexer.Trim(GetValueSpan(HeaderId.RetryAfter));
        var digits = 0;
        while (digits < s.Length && SipLexer.IsDigit(s[digits]))
        {
            digits++;
        }
        if (!SipLexer.TryParseUInt(s[..digits], uint.MaxValue, out var seconds))
        {
            return false;
        }
        var rest = SipLexer.Trim(s[digits..]);
        string? comment = null;
        if (!rest.IsEmpty && rest[0] == '(')
        {
            var close = rest.IndexOf((byte)')');
            if (close < 0)
            {
                return false;
            }
            comment = SipLexer.Decode(rest[1..close]);
            rest = rest[(close + 1)..];
        }
        if (!ParameterParser.Validate(rest, false))
        {
            return false;
        }
        value = new RetryAfter(seconds, comment, ParameterParser.Parse(rest, false));
        return true;
    }

    /// <summary>Allow-Events tokens (RFC 6665 8.2.2).</summary>
    public IReadOnlyList<string> AllowEvents => GetHeaderValues(HeaderId.AllowEvents);

    /// <summary>
    /// Each challenge or credentials value of an auth header, in order. Values are not
    /// comma-split at header level: commas separate auth-params (RFC 3261 20.7).
    /// A value that does not parse is skipped; its raw text stays reachable via GetHeaderValues.
    /// </summary>
    public IReadOnlyList<SipAuthValue> GetAuthValues(HeaderId id)
    {
        var values = new List<SipAuthValue>();
        foreach (ref readonly var header in Headers)
        {
            if (header.Id == id && AuthParamParser.TryParse(GetValueSpan(header), out var value))
            {
                values.Add(value);
            }
        }
        return values;
    }

    private uint? GetUInt(HeaderId id) =>
        SipLexer.TryParseUInt(SipLexer.Trim(GetValueSpan(id)), uint.MaxValue, out var value) ? value : null;

    private bool TryTokenWithParameters(HeaderId id, out string token, out SipParameters parameters)
    {
        token = "";
        parameters = SipParameters.Empty;
        var s = SipLexer.Trim(GetValueSpan(id));
        var semi = s.IndexOf((byte)';');
        var head = SipLexer.Trim(semi < 0 ? s : s[..semi]);
        var tail = semi < 0 ? [] : s[semi..];
        if (!SipLexer.IsTokenSpan(head) || !ParameterParser.Validate(tail, false))
        {
            return false;
        }
        token = Encoding.ASCII.GetString(head);
        parameters = ParameterParser.Parse(tail, false);
        return true;
    }

    // Comma elements of every line with this id as byte arrays; null marks unbalanced quotes or brackets.
    private List<byte[]?> Elements(HeaderId id)
    {
        var items = new List<byte[]?>();
        foreach (ref readonly var header in Headers)
        {
            if (header.Id != id)
            {
                continue;
            }
            var splitter = new SipListSplitter(GetValueSpan(header));
            while (splitter.MoveNext())
            {
                items.Add(splitter.Current.IsEmpty ? null : splitter.Current.ToArray());
            }
            if (splitter.Malformed)
            {
                items.Add(null);
            }
        }
        return items;
    }

    private NameAddr ParseAddress(HeaderId id) =>
        NameAddr.TryParse(GetValueSpan(id), out var value)
            ? value
            : throw new InvalidOperationException($"{SipHeaderNames.GetLongName(id)} was validated by the parser but does not parse.");

    private List<Via> ParseVias()
    {
        var vias = new List<Via>();
        foreach (var item in Elements(HeaderId.Via))
        {
            if (item is null || !Via.TryParse(item, out var via))
            {
                throw new InvalidOperationException("Via was validated by the parser but does not parse.");
            }
            vias.Add(via);
        }
        return vias;
    }
}
