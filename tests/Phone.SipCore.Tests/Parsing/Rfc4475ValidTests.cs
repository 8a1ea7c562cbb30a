using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>RFC 4475 3.1.1: every valid torture message parses, and the fields the RFC
/// points at read back as it says.</summary>
public sealed class Rfc4475ValidTests
{
    private static readonly Dictionary<string, (Func<byte[]> Bytes, Action<SipMessage> Check)> Cases = new()
    {
        ["wsinv"] = (() => TortureText.Expand(Rfc4475Valid.Wsinv), CheckWsinv),
        ["intmeth"] = (() => TortureText.Expand(Rfc4475Valid.Intmeth), CheckIntmeth),
        ["esc01"] = (() => TortureText.Expand(Rfc4475Valid.Esc01), CheckEsc01),
        ["escnull"] = (() => TortureText.Expand(Rfc4475Valid.Escnull), CheckEscnull),
        ["esc02"] = (() => TortureText.Expand(Rfc4475Valid.Esc02), CheckEsc02),
        ["lwsdisp"] = (() => TortureText.Expand(Rfc4475Valid.Lwsdisp), m => Assert.Equal("caller", m.From.DisplayName)),
        ["longreq"] = (Rfc4475ValidGenerated.Longreq, CheckLongreq),
        ["dblreq"] = (() => TortureText.Expand(Rfc4475Valid.Dblreq), CheckDblreq),
        ["semiuri"] = (() => TortureText.Expand(Rfc4475Valid.Semiuri), CheckSemiuri),
        ["transports"] = (() => TortureText.Expand(Rfc4475Valid.Transports), CheckTransports),
        ["mpart01"] = (Rfc4475ValidGenerated.Mpart01, CheckMpart01),
        ["unreason"] = (() => TortureText.Expand(Rfc4475Valid.Unreason), CheckUnreason),
        ["noreason"] = (() => TortureText.Expand(Rfc4475Valid.Noreason), CheckNoreason),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Parses_and_reads_as_the_rfc_says(string name)
    {
        var (bytes, check) = Cases[name];
        var result = SipParser.TryParse(bytes());

        Assert.True(result.Success, $"{name}: {result}");
        check(result.Message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_tags_read_from_the_parsers_spans_are_those_of_the_full_from_and_to(string name)
    {
        // FromTag and ToTag come from the spans the parser found; From and To from the full parse.
        var parsed = SipParser.TryParse(Cases[name].Bytes());
        Assert.True(parsed.Success, parsed.ToString());
        var message = parsed.Message;
        var (fromTag, toTag) = (message.FromTag, message.ToTag);

        Assert.Equal(message.From.Tag, fromTag);
        Assert.Equal(message.To.Tag, toTag);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Round_trips_byte_for_byte(string name)
    {
        var bytes = Cases[name].Bytes();
        var message = SipParser.TryParse(bytes).Message!;

        // dblreq carries a second message that is not part of the first (RFC 3261 18.3).
        var expected = name == "dblreq" ? bytes.AsSpan(0, message.Buffer.Length).ToArray() : bytes;
        Assert.Equal(expected, SipSerializer.Serialize(message));
        Assert.Equal(expected, SipMessageBuilder.From(message).ToBytes());
    }

    private static void CheckWsinv(SipMessage m)
    {
        var request = Assert.IsType<SipRequest>(m);
        Assert.Equal(SipMethod.Invite, request.Method);
        Assert.True(request.RequestUri!.Parameters.Contains("unknownparam"));
        Assert.Equal("1918181833n", m.ToTag);
        Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
        Assert.Equal("98asjd8", m.FromTag);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        Assert.Equal(new CSeq(9, SipMethod.Invite), m.CSeq);
        Assert.Equal(["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"], m.Vias.Select(v => v.Branch));
        Assert.Equal(["UDP", "TCP", "UDP"], m.Vias.Select(v => v.Transport));
        Assert.Equal("192.168.255.111", m.Vias[2].Host);
        Assert.True(m.TryGetContacts(out var contacts));
        var contact = Assert.Single(contacts).Address!;
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters.Get("newparam"));
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.Equal("", m.GetHeaderValue(HeaderId.Subject));
        Assert.Equal("newfangled value continued newfangled value", m.GetHeaderValue("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", m.GetHeaderValue("UnknownHeaderWithUnusualValue"));
        Assert.True(m.TryGetRoutes(HeaderId.Route, out var routes));
        Assert.True(Assert.Single(routes).Uri!.Parameters.Contains("unknown-no-value"));
        Assert.Equal(150, m.ContentLength);
    }

    private static void CheckIntmeth(SipMessage m)
    {
        const string method = "!interesting-Method0123456789_*+`.%indeed'~";
        var request = Assert.IsType<SipRequest>(m);
        Assert.Equal(new SipMethod(method), request.Method);
        Assert.Equal(request.Method, m.CSeq.Method);
        Assert.Equal(139122385u, m.CSeq.Number);
        var uri = request.RequestUri!;
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", uri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", uri.Password);
        Assert.Equal("example.com", uri.Host);
        Assert.Equal("BEL:\a NUL:\0 DEL:\x7F", m.To.DisplayName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.To.Uri!.User);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From.DisplayName);
        Assert.Equal("работающий", m.From.Parameters.Get("fromParam''~+*_!.-%"));
        Assert.Equal("_token~1'+`*%!-.", m.FromTag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
        Assert.Equal(255, m.MaxForwards);
        Assert.Equal("\uFEFF大停電", m.GetHeaderValue("extensionHeader-!.%*+_`'~"));
    }

    private static void CheckEsc01(SipMessage m)
    {
        var request = (SipRequest)m;
        Assert.Equal("sips:user@example.com", request.RequestUri!.UnescapedUser);
        Assert.Equal("example.net", request.RequestUri.Host);
        Assert.Equal(SipUri.Parse("sip:user@example.com"), m.To.Uri);
        Assert.Equal("I have spaces", m.From.Uri!.UnescapedUser);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", m.CallId);
        Assert.True(m.TryGetContentType(out var type) && type.Is("application/sdp"));
        Assert.True(m.TryGetContacts(out var contacts));
        var contactUri = contacts[0].Address!.Uri!;
        // Escaped parameter names and values compare equal to their plain form (RFC 3261 19.1.4).
        Assert.Equal(SipUri.Parse("sip:caller@host5.example.net;lr;name=value%41"), contactUri);
    }

    private static void CheckEscnull(SipMessage m)
    {
        Assert.Equal("null-\0-null", m.To.Uri!.UnescapedUser);
        Assert.True(m.TryGetContacts(out var contacts));
        Assert.Equal(["\0", "\0\0"], contacts.Select(c => c.Address!.Uri!.UnescapedUser!));
        Assert.Equal(0, m.ContentLength);
    }

    private static void CheckEsc02(SipMessage m)
    {
        var request = (SipRequest)m;
        // "%47" in a method is not an escape: this is not REGISTER (RFC 4475 3.1.1.5).
        Assert.NotEqual(SipMethod.Register, request.Method);
        Assert.Equal("RE%47IST%45R", request.Method.Name);
        Assert.Equal(request.Method, m.CSeq.Method);
        Assert.Equal("%Z%45", m.To.DisplayName);
        Assert.True(m.TryGetContacts(out var contacts));
        Assert.Equal(2, contacts.Count); // "C%6Fntact" is an unknown header, not Contact
        Assert.Equal("<sip:alias2@host2.example.com>", m.GetHeaderValue("C%6Fntact"));
    }

    private static void CheckLongreq(SipMessage m)
    {
        Assert.StartsWith("I have a user name of extremeextreme", m.To.DisplayName);
        Assert.Equal(6000, m.To.Uri!.Port);
        Assert.Equal("12" + string.Concat(Enumerable.Repeat("982", 50)) + "424", m.FromTag);
        Assert.Equal(34, m.Vias.Count);
        Assert.Equal("sip33.example.com", m.TopVia.Host);
        Assert.Equal("192.0.2.5", m.Vias[^1].Received);
        Assert.Equal(150, m.ContentLength);
        Assert.Equal(3882340u, m.CSeq.Number);
    }

    private static void CheckDblreq(SipMessage m)
    {
        Assert.Equal(SipMethod.Register, ((SipRequest)m).Method);
        Assert.Equal(0, m.ContentLength);
        Assert.DoesNotContain("INVITE", Encoding.UTF8.GetString(m.Buffer.Span));
    }

    private static void CheckSemiuri(SipMessage m)
    {
        var uri = ((SipRequest)m).RequestUri!;
        Assert.Equal("user;par=u%40example.net", uri.User);
        Assert.Equal("example.com", uri.Host);
        Assert.Empty(uri.Parameters);
        Assert.Equal(6, m.GetHeaderValues(HeaderId.Accept).Count);
    }

    private static void CheckTransports(SipMessage m) =>
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport));

    private static void CheckMpart01(SipMessage m)
    {
        Assert.True(m.TryGetContentType(out var type));
        Assert.True(type.Is("multipart/mixed"));
        Assert.Equal("7a9cbec02ceef655", type.Boundary);
        Assert.True(m.Body.Span.IndexOf(Rfc4475ValidGenerated.MpartSignature) > 0);
        Assert.EndsWith("--7a9cbec02ceef655--\r\n", Encoding.Latin1.GetString(m.Body.Span));
        Assert.True(m.TopVia.HasRPort);
        Assert.Null(m.TopVia.RPort);
    }

    private static void CheckUnreason(SipMessage m)
    {
        var response = Assert.IsType<SipResponse>(m);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", response.ReasonPhrase);
        Assert.Equal(154, m.ContentLength);
        Assert.Null(m.MaxForwards);
    }

    private static void CheckNoreason(SipMessage m)
    {
        var response = Assert.IsType<SipResponse>(m);
        Assert.Equal(100, response.StatusCode);
        Assert.Equal("", response.ReasonPhrase);
        Assert.Equal("902jndnke3", m.ToTag);
    }
}
