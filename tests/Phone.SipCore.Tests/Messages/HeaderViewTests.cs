using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Tests.Parsing;

namespace Phone.SipCore.Tests.Messages;

/// <summary>Typed header views parsed on demand.</summary>
public sealed class HeaderViewTests
{
    private static SipMessage With(string headers, string body = "") =>
        SipParser.TryParse(Encoding.UTF8.GetBytes(SipParserTests.Notify(headers, body))).Message!;

    [Theory]
    [InlineData("active;expires=3540", "active", 3540u, null, null)]
    [InlineData("terminated;reason=probation;retry-after=30", "terminated", null, "probation", 30u)]
    [InlineData("pending ; expires = 60", "pending", 60u, null, null)]
    [InlineData("TERMINATED;reason=noresource", "TERMINATED", null, "noresource", null)]
    public void Subscription_state(string value, string state, uint? expires, string? reason, uint? retryAfter)
    {
        Assert.True(With($"Subscription-State: {value}\r\n").TryGetSubscriptionState(out var s));
        Assert.Equal((state, expires, reason, retryAfter), (s.State, s.Expires, s.Reason, s.RetryAfter));
        Assert.Equal(state.Equals("terminated", StringComparison.OrdinalIgnoreCase), s.IsTerminated);
    }

    [Fact]
    public void Event_with_id_and_without()
    {
        Assert.True(With("Event: as-feature-event\r\n").TryGetEvent(out var plain));
        Assert.Null(plain.Id);
        Assert.True(With("o: dialog;id=17\r\n").TryGetEvent(out var withId));
        Assert.Equal("17", withId.Id);
        Assert.False(plain.Matches(withId));
        Assert.False(With("Event: \"quoted\"\r\n").TryGetEvent(out _));
        Assert.True(With("Event: dialog;param=x;id=17\r\n").TryGetEvent(out var extra));
        Assert.True(withId.Matches(extra)); // other parameters do not count
        Assert.True(With("Event: Dialog;id=17\r\n").TryGetEvent(out var upper));
        Assert.False(withId.Matches(upper)); // byte-by-byte (RFC 6665 8.2.1)
    }

    [Fact]
    public void Content_type_with_boundary_and_quoted_parameter()
    {
        Assert.True(With("Content-Type: multipart/mixed ; boundary=\"OSS-unique-boundary-42\";charset=utf-8\r\n").TryGetContentType(out var type));
        Assert.True(type.Is("Multipart/Mixed"));
        Assert.Equal("OSS-unique-boundary-42", type.Boundary);
        Assert.Equal("utf-8", type.Parameters.Get("charset"));
    }

    [Fact]
    public void Www_authenticate_is_parsed_into_scheme_and_params_with_quoted_commas()
    {
        var message = With(
            "WWW-Authenticate: Digest realm=\"as.example.com\", nonce=\"a,b\\\"c\", qop=\"auth,auth-int\",\r\n" +
            " algorithm=SHA-256, stale=FALSE\r\n" +
            "WWW-Authenticate: Digest realm=\"as.example.com\", nonce=\"n2\", algorithm=MD5\r\n");

        var challenges = message.GetAuthValues(HeaderId.WwwAuthenticate);
        Assert.Equal(2, challenges.Count);
        Assert.Equal("Digest", challenges[0].Scheme);
        Assert.Equal("a,b\"c", challenges[0]["nonce"]);
        Assert.Equal("auth,auth-int", challenges[0]["qop"]);
        Assert.Equal("SHA-256", challenges[0]["ALGORITHM"]);
        Assert.Equal("MD5", challenges[1]["algorithm"]);
        Assert.Equal(2, message.GetHeaderValues(HeaderId.WwwAuthenticate).Count); // raw, not comma-split
    }

    [Theory]
    [InlineData("Digest realm=a b")]
    [InlineData("Digest realm")]
    [InlineData("Digest realm=\"open")]
    [InlineData("=x")]
    public void Malformed_auth_values_do_not_parse(string value)
    {
        Assert.False(AuthParamParser.TryParse(value, out _));
    }

    [Fact]
    public void A_scheme_alone_is_a_valid_challenge_with_no_params()
    {
        // RFC 7235 2.1: auth-scheme [ 1*SP ( token68 / #auth-param ) ]
        Assert.True(AuthParamParser.TryParse("Digest", out var value));
        Assert.Empty(value.Parameters);
    }

    [Fact]
    public void Retry_after_min_expires_and_expires()
    {
        var message = With("Retry-After: 120 (I'm in a meeting);duration=3600\r\nMin-Expires: 600\r\nExpires: 0\r\n");
        Assert.True(message.TryGetRetryAfter(out var retry));
        Assert.Equal((120u, "I'm in a meeting", "3600"), (retry.Seconds, retry.Comment, retry.Duration));
        Assert.Equal(600u, message.MinExpires);
        Assert.Equal(0u, message.Expires);
        Assert.Null(With("Expires: soon\r\n").Expires);
    }

    [Fact]
    public void Contact_wildcard_and_expires_param()
    {
        Assert.True(With("Contact: *\r\n").TryGetContacts(out var star));
        Assert.True(Assert.Single(star).IsWildcard);
        Assert.True(With("m: <sip:2001@192.0.2.10>;expires=3600;q=0.5\r\n").TryGetContacts(out var one));
        Assert.Equal(3600u, one[0].Expires);
    }

    [Theory]
    [InlineData("Contact: <sip:a@b\r\n")]
    [InlineData("Contact: \"open <sip:a@b>\r\n")]
    [InlineData("Contact: <sip:a@b>, \r\n")]
    [InlineData("Contact: <sip:a@b>;;x\r\n")]
    public void Malformed_contacts_are_reported_not_thrown(string line)
    {
        Assert.False(With(line).TryGetContacts(out _));
    }

    [Fact]
    public void Record_route_order_is_kept()
    {
        var message = With("Record-Route: <sip:p2.example.com;lr>\r\nRecord-Route: <sip:p1.example.com;lr>, <sip:p0.example.com;lr>\r\n");
        Assert.True(message.TryGetRoutes(HeaderId.RecordRoute, out var routes));
        Assert.Equal(["p2.example.com", "p1.example.com", "p0.example.com"], routes.Select(r => r.Uri!.Host));
        Assert.True(routes[0].Uri!.Parameters.Contains("lr"));
    }

    [Fact]
    public void Via_exposes_branch_received_and_rport()
    {
        var message = With("").ToString().Replace(";rport", ";received=203.0.113.9;rport=40123");
        var via = SipParser.TryParse(Encoding.UTF8.GetBytes(message)).Message!.TopVia;
        Assert.Equal(("z9hG4bK-1", "203.0.113.9", 40123, true), (via.Branch, via.Received, via.RPort, via.HasRPort));
        Assert.Equal(("SIP", "2.0", "UDP", "198.51.100.7", 5060), (via.ProtocolName, via.ProtocolVersion, via.Transport, via.Host, via.Port));
    }
}
