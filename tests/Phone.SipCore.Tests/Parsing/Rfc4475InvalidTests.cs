using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>
/// RFC 4475 3.1.2 and 3.3. Where the RFC says the message is malformed the parser rejects
/// it with the error named here, and SuggestedStatusCode says what a UA answers
/// (0 = drop: responses are never answered, RFC 3261 18.3). Where the RFC leaves the
/// verdict to the application, the message parses and the tests below show the fields
/// the application decides by.
/// </summary>
public sealed class Rfc4475InvalidTests
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["badinv01"] = Rfc4475Invalid.Badinv01, // 3.1.2.1: ";;,;,," is no via-parm -> 400
        ["clerr"] = Rfc4475Invalid.Clerr, // 3.1.2.2: over UDP, a short body -> 400 (RFC 3261 18.3)
        ["ncl"] = Rfc4475Invalid.Ncl, // 3.1.2.3 -> 400
        ["scalar02"] = Rfc4475Invalid.Scalar02, // 3.1.2.4: CSeq past 2^31 -> 400
        ["scalarlg"] = Rfc4475Invalid.Scalarlg, // 3.1.2.5: a response: dropped
        ["quotbal"] = Rfc4475Invalid.Quotbal, // 3.1.2.6 -> 400
        ["ltgtruri"] = Rfc4475Invalid.Ltgtruri, // 3.1.2.7 -> 400
        ["lwsruri"] = Rfc4475Invalid.Lwsruri, // 3.1.2.8 -> 400
        ["lwsstart"] = Rfc4475Invalid.Lwsstart, // 3.1.2.9 -> 400
        ["trws"] = Rfc4475Invalid.Trws, // 3.1.2.10: the RFC allows rejecting; we do -> 400
        ["escruri"] = Rfc4475Invalid.Escruri, // 3.1.2.11: the RFC allows rejecting; we do -> 400
        ["badaspec"] = Rfc4475Invalid.Badaspec, // 3.1.2.14 -> 400
        ["baddn"] = Rfc4475Invalid.Baddn, // 3.1.2.15 -> 400
        ["badvers"] = Rfc4475Invalid.Badvers, // 3.1.2.16 -> 505
        ["mismatch01"] = Rfc4475Invalid.Mismatch01, // 3.1.2.17 -> 400
        ["mismatch02"] = Rfc4475Invalid.Mismatch02, // 3.1.2.18 -> 400, not 501
        ["bigcode"] = Rfc4475Invalid.Bigcode, // 3.1.2.19: a response: dropped
        ["insuf"] = Rfc4475Application.Insuf, // 3.3.1 -> 400
        ["multi01"] = Rfc4475Application.Multi01, // 3.3.8 -> 400
        ["mcl01"] = Rfc4475Application.Mcl01, // 3.3.9 -> 400 (on a stream, framing is lost)
    };

    public static TheoryData<string, SipParseError, int> Rejected => new()
    {
        { "badinv01", SipParseError.InvalidVia, 400 },
        { "clerr", SipParseError.ContentLengthExceedsData, 400 },
        { "ncl", SipParseError.InvalidContentLength, 400 },
        { "scalar02", SipParseError.InvalidCSeq, 400 },
        { "scalarlg", SipParseError.InvalidCSeq, 0 },
        { "quotbal", SipParseError.InvalidTo, 400 },
        { "ltgtruri", SipParseError.InvalidRequestUri, 400 },
        { "lwsruri", SipParseError.MalformedStartLine, 400 },
        { "lwsstart", SipParseError.MalformedStartLine, 400 },
        { "trws", SipParseError.MalformedStartLine, 400 },
        { "escruri", SipParseError.InvalidRequestUri, 400 },
        { "badaspec", SipParseError.InvalidTo, 400 },
        { "baddn", SipParseError.InvalidFrom, 400 },
        { "badvers", SipParseError.UnsupportedVersion, 505 },
        { "mismatch01", SipParseError.CSeqMethodMismatch, 400 },
        { "mismatch02", SipParseError.CSeqMethodMismatch, 400 },
        { "bigcode", SipParseError.InvalidStatusCode, 0 },
        { "insuf", SipParseError.MissingHeader, 400 },
        { "multi01", SipParseError.DuplicateHeader, 400 },
        { "mcl01", SipParseError.DuplicateHeader, 400 },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejected_with_reason(string name, SipParseError error, int status)
    {
        var result = SipParser.TryParse(TortureText.Expand(Texts[name]));

        Assert.False(result.Success);
        Assert.Equal(error, result.Error);
        Assert.NotEmpty(result.Reason);
        Assert.Equal(status, result.SuggestedStatusCode);
    }

    [Fact]
    public void Mcl01_cannot_be_framed_on_a_stream()
    {
        Assert.Equal(SipFramingStatus.Invalid, SipFraming.FindMessage(TortureText.Expand(Rfc4475Application.Mcl01), out _));
    }

    [Fact]
    public void Baddate_parses_because_a_ua_that_ignores_date_may_accept_it()
    {
        // RFC 4475 3.1.2.12: rejecting is allowed only when Date matters; it never does here.
        var message = Parse(Rfc4475Invalid.Baddate);
        Assert.Equal("Fri, 01 Jan 2010 16:00:00 EST", message.GetHeaderValue(HeaderId.Date));
    }

    [Fact]
    public void Regbadct_parses_but_its_contact_is_malformed_so_the_registrar_answers_400()
    {
        // RFC 4475 3.1.2.13: a URI with headers must be in <>; Contact is read on demand.
        var message = Parse(Rfc4475Invalid.Regbadct);
        Assert.False(message.TryGetContacts(out _));
    }

    [Fact]
    public void Unkscm_parses_and_the_application_answers_416()
    {
        var request = (SipRequest)Parse(Rfc4475Application.Unkscm);
        Assert.Null(request.RequestUri);
        Assert.Equal("nobodyKnowsThisScheme:totallyopaquecontent", request.RequestUriText);
    }

    [Fact]
    public void Bext01_parses_and_the_application_answers_420_naming_the_require_values()
    {
        var message = Parse(Rfc4475Application.Bext01);
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], message.GetHeaderValues(HeaderId.Require));
        Assert.Equal(2, message.GetHeaderValues(HeaderId.ProxyRequire).Count);
    }

    [Fact]
    public void Regaut01_parses_and_exposes_the_unknown_scheme_so_the_registrar_challenges_with_401()
    {
        var message = Parse(Rfc4475Application.Regaut01);
        var credentials = Assert.Single(message.GetAuthValues(HeaderId.Authorization));
        Assert.Equal("NoOneKnowsThisScheme", credentials.Scheme);
        Assert.Equal("here", credentials["opaque-data"]);
    }

    [Fact]
    public void Bcast_parses_and_the_broadcast_via_is_visible_to_the_transport()
    {
        var response = (SipResponse)Parse(Rfc4475Application.Bcast);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("255.255.255.255", response.Vias[1].Host);
    }

    [Fact]
    public void Zeromf_parses_with_max_forwards_zero()
    {
        Assert.Equal(0, Parse(Rfc4475Application.Zeromf).MaxForwards);
    }

    [Fact]
    public void Cparam01_parameter_after_a_bare_uri_belongs_to_the_header()
    {
        var message = Parse(Rfc4475Application.Cparam01);
        Assert.True(message.TryGetContacts(out var contacts));
        var address = Assert.Single(contacts).Address!;
        Assert.Empty(address.Uri!.Parameters);
        Assert.True(address.Parameters.Contains("unknownparam"));
    }

    [Fact]
    public void Cparam02_parameter_inside_angle_brackets_belongs_to_the_uri()
    {
        var message = Parse(Rfc4475Application.Cparam02);
        Assert.True(message.TryGetContacts(out var contacts));
        var address = Assert.Single(contacts).Address!;
        Assert.True(address.Uri!.Parameters.Contains("unknownparam"));
        Assert.Empty(address.Parameters);
    }

    [Fact]
    public void Regescrt_escaped_header_inside_angle_brackets_is_valid()
    {
        var message = Parse(Rfc4475Application.Regescrt);
        Assert.True(message.TryGetContacts(out var contacts));
        Assert.Equal("%3Csip:sip.example.com%3E", contacts[0].Address!.Uri!.Headers.Get("Route"));
    }

    private static SipMessage Parse(string text)
    {
        var result = SipParser.TryParse(TortureText.Expand(text));
        Assert.True(result.Success, result.ToString());
        return result.Message;
    }
}
