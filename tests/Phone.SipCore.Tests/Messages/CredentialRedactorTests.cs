using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Tests.Fuzz;

namespace Phone.SipCore.Tests.Messages;

public sealed class CredentialRedactorTests
{
    private const string Hash = "6629fae49393a05397450978507c4ef1";

    private static string Register(string authorization, string body = "") =>
        "REGISTER sip:as.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1;rport\r\n" +
        "From: <sip:2001@as.example.com>;tag=a1\r\n" +
        "To: <sip:2001@as.example.com>\r\n" +
        "Call-ID: reg-1@192.0.2.10\r\n" +
        "CSeq: 2 REGISTER\r\n" +
        authorization +
        $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n" + body;

    [Fact]
    public void Quoted_digest_secrets_become_an_ellipsis_and_everything_else_stays_byte_for_byte()
    {
        var message = Register("Authorization: Digest username=\"2001\", realm=\"as.example.com\", nonce=\"dcd98b7102dd2f0e\", " +
            $"uri=\"sip:as.example.com\", response=\"{Hash}\", algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001, opaque=\"5ccc069c\"\r\n");

        var redacted = CredentialRedactor.Redact(message);

        Assert.Equal(Register("Authorization: Digest username=\"2001\", realm=\"as.example.com\", nonce=\"…\", " +
            "uri=\"sip:as.example.com\", response=\"…\", algorithm=MD5, cnonce=\"…\", qop=auth, nc=00000001, opaque=\"5ccc069c\"\r\n"), redacted);
    }

    [Fact]
    public void Unquoted_values_and_any_case_of_header_and_parameter_names_are_redacted()
    {
        var message = Register($"proxy-AUTHORIZATION : Digest USERNAME=2001,NONCE=dcd98b71,RESPONSE={Hash} ,CNonce=0a4f113b,uri=\"sip:x\"\r\n");

        var redacted = CredentialRedactor.Redact(message);

        Assert.Equal(Register("proxy-AUTHORIZATION : Digest USERNAME=2001,NONCE=…,RESPONSE=… ,CNonce=…,uri=\"sip:x\"\r\n"), redacted);
    }

    [Fact]
    public void Proxy_authorization_and_several_credentials_in_one_header_are_all_redacted()
    {
        var message = Register(
            $"Proxy-Authorization: Digest username=\"2001\", realm=\"proxy\", nonce=\"n1\", response=\"{Hash}\"\r\n" +
            "Authorization: Digest username=\"2001\", realm=\"a\", response=\"r-one\", Digest username=\"2001\", realm=\"b\", response=\"r-two\"\r\n");

        var redacted = CredentialRedactor.Redact(message);

        Assert.Equal(Register(
            "Proxy-Authorization: Digest username=\"2001\", realm=\"proxy\", nonce=\"…\", response=\"…\"\r\n" +
            "Authorization: Digest username=\"2001\", realm=\"a\", response=\"…\", Digest username=\"2001\", realm=\"b\", response=\"…\"\r\n"), redacted);
    }

    [Fact]
    public void Folded_lines_are_followed_and_keep_their_line_breaks()
    {
        var message = Register("Authorization: Digest username=\"2001\",\r\n nonce=\"n1\",\r\n\tresponse=\r\n  \"" + Hash + "\",\r\n qop=auth\r\n");

        var redacted = CredentialRedactor.Redact(message);

        Assert.Equal(Register("Authorization: Digest username=\"2001\",\r\n nonce=\"…\",\r\n\tresponse=\r\n  \"…\",\r\n qop=auth\r\n"), redacted);
    }

    [Fact]
    public void An_escaped_quote_inside_a_value_does_not_end_it()
    {
        var message = Register("Authorization: Digest username=\"a\\\"b\", response=\"x\\\"y, z\", realm=\"r\"\r\n");

        Assert.Equal(Register("Authorization: Digest username=\"a\\\"b\", response=\"…\", realm=\"r\"\r\n"), CredentialRedactor.Redact(message));
    }

    [Theory]
    [InlineData("Basic MjAwMTpzZWNyZXQ=")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIyMDAxIn0.c2ln")]
    public void Credentials_of_other_schemes_are_the_secret_itself_and_are_hidden_whole(string credentials)
    {
        var scheme = credentials[..credentials.IndexOf(' ', StringComparison.Ordinal)];

        var redacted = CredentialRedactor.Redact(Register($"Authorization: {credentials}\r\n"));

        Assert.Equal(Register($"Authorization: {scheme} …\r\n"), redacted);
    }

    [Fact]
    public void A_message_without_credentials_is_returned_unchanged_challenges_included()
    {
        var challenge = "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\n" +
            "WWW-Authenticate: Digest realm=\"as.example.com\", nonce=\"dcd98b7102dd2f0e\", qop=\"auth\"\r\n" +
            "Proxy-Authenticate: Digest realm=\"p\", nonce=\"abc\"\r\nContent-Length: 0\r\n\r\n";
        var plain = Register("");

        Assert.Same(challenge, CredentialRedactor.Redact(challenge));
        Assert.Same(plain, CredentialRedactor.Redact(plain));
    }

    [Fact]
    public void The_body_is_never_touched()
    {
        // A message/sipfrag body may quote a request with its credentials; it is content, not a header.
        var body = $"REGISTER sip:a SIP/2.0\r\nAuthorization: Digest response=\"{Hash}\"\r\n";
        var message = Register($"Authorization: Digest username=\"2001\", response=\"{Hash}\"\r\n", body);

        var redacted = CredentialRedactor.Redact(message);

        Assert.Equal(Register("Authorization: Digest username=\"2001\", response=\"…\"\r\n", body), redacted);
        Assert.EndsWith(body, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_breaks_before_the_start_line_do_not_hide_the_headers()
    {
        var message = "\r\n\r\n" + Register($"Authorization: Digest response={Hash}\r\n");

        Assert.Equal("\r\n\r\n" + Register("Authorization: Digest response=…\r\n"), CredentialRedactor.Redact(message));
    }

    [Fact]
    public void Neither_header_has_a_compact_form_the_redactor_would_have_to_know()
    {
        // RFC 3261 7.3.3 gives Authorization and Proxy-Authorization none; if one is ever added
        // to the table, this fails and the redactor's quick check must learn it.
        Assert.Null(SipHeaderNames.GetCompactForm(HeaderId.Authorization));
        Assert.Null(SipHeaderNames.GetCompactForm(HeaderId.ProxyAuthorization));
    }

    [Fact]
    public void Mutated_messages_never_throw_and_an_intact_header_never_keeps_its_response()
    {
        const string header = "\r\nAuthorization: Digest username=\"2001\", realm=\"r\", nonce=\"n\", response=\"" + Hash + "\"";
        var seed = Encoding.UTF8.GetBytes(Register(header[2..] + ", qop=auth, nc=00000001, cnonce=\"c\"\r\n"));
        var mutator = new Mutator(42);
        for (var i = 0; i < 5_000; i++)
        {
            var text = Encoding.UTF8.GetString(mutator.Mutate(seed));
            var redacted = CredentialRedactor.Redact(text);
            var at = text.IndexOf(header, StringComparison.Ordinal);
            if (at >= 0 && at < HeadEnd(text))
            {
                Assert.Contains(header.Replace("\"n\"", "\"…\"", StringComparison.Ordinal).Replace(Hash, "…", StringComparison.Ordinal), redacted);
            }
        }
    }

    // Where the first empty line (CRLF or bare LF) starts, as the redactor sees it.
    private static int HeadEnd(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text.TrimStart('\r', '\n'), "\n\r?\n");
        return match.Success ? match.Index + (text.Length - text.TrimStart('\r', '\n').Length) : text.Length;
    }

    [Theory]
    [InlineData("REGISTER sip:a SIP/2.0\r\nAuthorization: Digest response=\"x\"\r\n\r\n", true)]
    [InlineData("REGISTER sip:a SIP/2.0\r\nPROXY-AUTHORIZATION: Digest response=\"x\"\r\n\r\n", true)]
    [InlineData("REGISTER sip:a SIP/2.0\r\nx: aUtHoRiZaTiOn\r\n\r\n", true)]
    [InlineData("NOTIFY sip:a SIP/2.0\r\nSubject: authorizatio\r\n\r\n", false)]
    [InlineData("NOTIFY sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("authorization", true)]
    [InlineData("", false)]
    public void MayHoldCredentials_says_no_only_where_Redact_changes_nothing(string message, bool may)
    {
        Assert.Equal(may, CredentialRedactor.MayHoldCredentials(System.Text.Encoding.UTF8.GetBytes(message)));
        if (!may)
        {
            Assert.Same(message, CredentialRedactor.Redact(message));
        }
    }
}
