using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Parsing;

public sealed class SipParserTests
{
    internal static string Notify(string extraHeaders = "", string body = "", string? contentLength = null) =>
        "NOTIFY sip:2001@192.0.2.10:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:2001@as.example.com>;tag=8a7f\r\n" +
        "To: <sip:2001@as.example.com>;tag=p1\r\n" +
        "Call-ID: fks-1@192.0.2.10\r\n" +
        "CSeq: 102 NOTIFY\r\n" +
        extraHeaders +
        $"Content-Length: {contentLength ?? Encoding.UTF8.GetByteCount(body).ToString()}\r\n\r\n" + body;

    private static SipParseResult Parse(string text) => SipParser.TryParse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Compact_forms_resolve_to_the_same_headers_as_long_forms()
    {
        var text = "INVITE sip:bob@example.com SIP/2.0\r\n" +
            "v: SIP/2.0/UDP host.example.com;branch=z9hG4bK1\r\n" +
            "f: <sip:alice@example.com>;tag=a\r\n" +
            "t: <sip:bob@example.com>\r\n" +
            "i: compact-1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Max-Forwards: 70\r\n" +
            "m: <sip:alice@192.0.2.1>\r\n" +
            "c: text/plain\r\n" +
            "o: as-feature-event;id=7\r\n" +
            "u: as-feature-event, dialog\r\n" +
            "k: 100rel\r\n" +
            "s: hello\r\n" +
            "e: gzip\r\n" +
            "l: 2\r\n\r\nhi";
        var message = Parse(text).Message!;

        Assert.Equal("compact-1", message.CallId);
        Assert.Equal("a", message.FromTag);
        Assert.Equal("host.example.com", message.TopVia.Host);
        Assert.True(message.TryGetContacts(out var contacts) && contacts.Count == 1);
        Assert.True(message.TryGetContentType(out var type) && type.Is("text/plain"));
        Assert.True(message.TryGetEvent(out var ev));
        Assert.Equal(("as-feature-event", "7"), (ev.Package, ev.Id));
        Assert.Equal(["as-feature-event", "dialog"], message.AllowEvents);
        Assert.Equal("100rel", message.GetHeaderValue("Supported"));
        Assert.Equal("hello", message.GetHeaderValue(HeaderId.Subject));
        Assert.Equal("gzip", message.GetHeaderValue("Content-Encoding"));
        Assert.Equal("hi", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Theory]
    [InlineData("v", HeaderId.Via)]
    [InlineData("F", HeaderId.From)]
    [InlineData("t", HeaderId.To)]
    [InlineData("i", HeaderId.CallId)]
    [InlineData("m", HeaderId.Contact)]
    [InlineData("l", HeaderId.ContentLength)]
    [InlineData("c", HeaderId.ContentType)]
    [InlineData("o", HeaderId.Event)]
    [InlineData("u", HeaderId.AllowEvents)]
    [InlineData("k", HeaderId.Supported)]
    [InlineData("s", HeaderId.Subject)]
    [InlineData("e", HeaderId.ContentEncoding)]
    [InlineData("r", HeaderId.ReferTo)]
    [InlineData("cALL-iD", HeaderId.CallId)]
    [InlineData("WWW-Authenticate", HeaderId.WwwAuthenticate)]
    [InlineData("Subscription-State", HeaderId.SubscriptionState)]
    [InlineData("X-Custom", HeaderId.Unknown)]
    [InlineData("q", HeaderId.Unknown)]
    public void Header_name_table_knows_long_and_compact_forms(string name, HeaderId id)
    {
        Assert.Equal(id, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name)));
    }

    [Fact]
    public void Folded_values_read_as_one_line_and_keep_their_bytes()
    {
        var message = Parse(Notify("Subject: first\r\n second\r\n\tthird\r\n")).Message!;
        Assert.Equal("first second third", message.GetHeaderValue(HeaderId.Subject));
        Assert.True(message.TryGetHeader(HeaderId.Subject, out var header));
        Assert.Equal("Subject: first\r\n second\r\n\tthird\r\n", Encoding.UTF8.GetString(message.GetLineSpan(header)));
    }

    [Fact]
    public void List_headers_split_on_commas_but_not_inside_quotes_or_angle_brackets()
    {
        var message = Parse(Notify(
            "Contact: \"Smith, J\" <sip:a,b@h1;x=1>, <sip:b@h2>;expires=60\r\nContact: *\r\n" +
            "Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>\r\n")).Message!;

        Assert.True(message.TryGetContacts(out var contacts));
        Assert.Equal(3, contacts.Count);
        Assert.Equal("Smith, J", contacts[0].Address!.DisplayName);
        Assert.Equal(60u, contacts[1].Expires);
        Assert.True(contacts[2].IsWildcard);
        Assert.True(message.TryGetRoutes(HeaderId.Route, out var routes));
        Assert.Equal(["p1.example.com", "p2.example.com"], routes.Select(r => r.Uri!.Host));
    }

    [Fact]
    public void Quoted_strings_resolve_backslash_escapes()
    {
        var message = Parse(Notify().Replace("From: <sip:2001@as.example.com>", "From: \"A \\\"quoted\\\" \\\\ name\" <sip:2001@as.example.com>")).Message!;
        Assert.Equal("A \"quoted\" \\ name", message.From.DisplayName);
    }

    [Fact]
    public void Message_of_exactly_64_KiB_parses_and_one_byte_more_is_rejected()
    {
        var head = Notify(body: "", contentLength: "00000").Length;
        var bodyLength = SipParser.MaxMessageSize - head;
        var fits = Notify(body: new string('x', bodyLength), contentLength: bodyLength.ToString("D5"));
        Assert.Equal(SipParser.MaxMessageSize, Encoding.UTF8.GetByteCount(fits));
        Assert.True(Parse(fits).Success);

        var over = Notify(body: new string('x', bodyLength + 1), contentLength: (bodyLength + 1).ToString("D5"));
        var result = Parse(over);
        Assert.Equal(SipParseError.TooLarge, result.Error);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1 2")]
    [InlineData("99999999999999999999")]
    public void Bad_content_length_is_rejected(string value)
    {
        Assert.Equal(SipParseError.InvalidContentLength, Parse(Notify(body: "x", contentLength: value)).Error);
    }

    [Fact]
    public void Content_length_larger_than_the_datagram_is_rejected()
    {
        var result = Parse(Notify(body: "abc", contentLength: "4"));
        Assert.Equal(SipParseError.ContentLengthExceedsData, result.Error);
        Assert.Contains("4", result.Reason);
    }

    [Fact]
    public void Bytes_after_content_length_are_not_part_of_the_message()
    {
        var message = Parse(Notify(body: "abcdef", contentLength: "3")).Message!;
        Assert.Equal("abc", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void Missing_content_length_in_a_datagram_takes_the_rest_as_body()
    {
        var text = Notify(body: "hello").Replace("Content-Length: 5\r\n", "");
        Assert.Equal(5, Parse(text).Message!.ContentLength);
    }

    [Theory]
    [InlineData("To: <sip:2001@as.example.com>;tag=p1\r\n", "To")]
    [InlineData("From: <sip:2001@as.example.com>;tag=8a7f\r\n", "From")]
    [InlineData("Call-ID: fks-1@192.0.2.10\r\n", "Call-ID")]
    [InlineData("CSeq: 102 NOTIFY\r\n", "CSeq")]
    [InlineData("Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1;rport\r\n", "Via")]
    [InlineData("Max-Forwards: 70\r\n", "Max-Forwards")]
    public void Missing_mandatory_header_is_named(string line, string name)
    {
        var result = Parse(Notify().Replace(line, ""));
        Assert.Equal(SipParseError.MissingHeader, result.Error);
        Assert.Contains(name, result.Reason);
    }

    [Fact]
    public void Responses_may_omit_max_forwards()
    {
        var text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n" +
            "To: <sip:a@b>;tag=2\r\nCall-ID: x\r\nCSeq: 1 SUBSCRIBE\r\nExpires: 1800\r\n\r\n";
        var response = Assert.IsType<SipResponse>(Parse(text).Message);
        Assert.Null(response.MaxForwards);
        Assert.Equal(1800u, response.Expires);
        Assert.Equal(SipMethod.Subscribe, response.CSeq.Method);
    }

    [Theory]
    [InlineData("NOTIFY sip:a@b SIP/2.0 extra")]
    [InlineData("NOTIFY")]
    [InlineData(" NOTIFY sip:a@b SIP/2.0")]
    [InlineData("NOT<IFY sip:a@b SIP/2.0")]
    [InlineData("SIP/2.0 20 OK")]
    [InlineData("SIP/2.0 700 Nope")]
    [InlineData("SIP/2.0")]
    public void Malformed_start_lines_are_rejected(string startLine)
    {
        var text = startLine + Notify()[Notify().IndexOf("\r\n", StringComparison.Ordinal)..];
        var result = Parse(text);
        Assert.False(result.Success);
        Assert.Contains(result.Error, new[] { SipParseError.MalformedStartLine, SipParseError.InvalidStatusCode, SipParseError.InvalidRequestUri });
    }

    [Fact]
    public void Leading_crlf_keep_alives_are_skipped()
    {
        var message = Parse("\r\n\r\n" + Notify()).Message!;
        Assert.StartsWith("NOTIFY", Encoding.UTF8.GetString(message.Buffer.Span));
        Assert.Equal(SipParseError.Empty, Parse("\r\n\r\n").Error);
    }

    [Fact]
    public void Headers_without_an_empty_line_are_incomplete()
    {
        var text = Notify();
        Assert.Equal(SipParseError.IncompleteHeaders, Parse(text[..text.IndexOf("Content-Length", StringComparison.Ordinal)]).Error);
    }

    [Theory]
    [InlineData("Via: \r\n")]
    [InlineData("Via: SIP/2.0/UDP host;branch=z9hG4bK2, \r\n")]
    [InlineData("Via: SIP/2.0/UDP\r\n")]
    [InlineData("Via: SIP/2.0 host\r\n")]
    [InlineData("Via: SIP/2.0/UDP host:70000\r\n")]
    public void Empty_or_broken_via_values_are_rejected(string extraVia)
    {
        Assert.Equal(SipParseError.InvalidVia, Parse(Notify(extraVia)).Error);
    }

    [Theory]
    [InlineData("CSeq: 102 NOTIFY", "CSeq: 2147483648 NOTIFY", SipParseError.InvalidCSeq)] // 2^31 (RFC 3261 8.1.1.5)
    [InlineData("CSeq: 102 NOTIFY", "CSeq: 2147483647 NOTIFY", SipParseError.None)]
    [InlineData("CSeq: 102 NOTIFY", "CSeq: 102NOTIFY", SipParseError.InvalidCSeq)]
    [InlineData("CSeq: 102 NOTIFY", "CSeq: 102 notify", SipParseError.CSeqMethodMismatch)]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 256", SipParseError.InvalidMaxForwards)]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 255", SipParseError.None)]
    [InlineData("Call-ID: fks-1@192.0.2.10", "Call-ID: fks 1", SipParseError.InvalidCallId)]
    [InlineData("Call-ID: fks-1@192.0.2.10", "Call-ID: a\r\ni: b", SipParseError.DuplicateHeader)]
    [InlineData("From: <sip:2001@as.example.com>;tag=8a7f", "From: <sip:2001@as.example.com>;tag=8a7f\r\nf: <sip:x@y>", SipParseError.DuplicateHeader)]
    [InlineData("To: <sip:2001@as.example.com>;tag=p1", "To: <sip:2001@as.example.com;tag=p1", SipParseError.InvalidTo)]
    public void Core_header_values_are_checked(string from, string to, SipParseError expected)
    {
        Assert.Equal(expected, Parse(Notify().Replace(from, to)).Error);
    }

    [Fact]
    public void Bare_lf_line_ends_are_accepted_from_lenient_senders()
    {
        var message = Parse(Notify(body: "x").Replace("\r\n", "\n")).Message!;
        Assert.Equal("fks-1@192.0.2.10", message.CallId);
        Assert.Equal("x", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Theory]
    [InlineData("Allow\rEvents: as-feature-event\r\n")] // the name table folds case with OR 0x20, which maps CR to '-'
    [InlineData("Subscription\rState: active\r\n")]
    [InlineData("Sub ject: x\r\n")]
    [InlineData("Subject\u00e9: x\r\n")]
    [InlineData(": x\r\n")]
    public void A_header_name_that_is_not_a_token_is_rejected_even_when_it_folds_to_a_known_one(string line)
    {
        Assert.Equal(SipParseError.MalformedHeader, Parse(Notify(line)).Error);
    }

    [Fact]
    public void Header_lines_read_the_same_short_or_long_known_or_not_folded_or_not()
    {
        var longName = "X-" + new string('n', 40); // its colon lies past the first 32 bytes of the line
        var longValue = "as-feature-event;id=" + new string('7', 60); // its line end lies past them
        var message = Parse(Notify(
            "sUbScRiPtIoN-sTaTe \t: active;expires=3600\r\n" +
            $"Event: {longValue}\r\n" +
            $"{longName}: far\r\n" +
            "Subject: first\r\n second\r\n" +
            "Allow-Events:as-feature-event\r\n")).Message!;

        var headers = message.Headers.ToArray();
        var unknown = headers.Single(h => h.Id == HeaderId.Unknown);
        Assert.Equal("active;expires=3600", message.GetHeaderValue(HeaderId.SubscriptionState));
        Assert.Equal(longValue, message.GetHeaderValue(HeaderId.Event));
        Assert.Equal("far", message.GetValue(unknown));
        Assert.Equal(longName, message.GetName(unknown));
        Assert.Equal("first second", message.GetHeaderValue(HeaderId.Subject)); // unfolded (RFC 3261 7.3.1)
        Assert.Equal("as-feature-event", message.GetHeaderValue(HeaderId.AllowEvents));
        Assert.Equal("sUbScRiPtIoN-sTaTe", message.GetName(headers.Single(h => h.Id == HeaderId.SubscriptionState)));
    }

    [Theory]
    [InlineData("102 NOTIFY", 102u)] // the usual shape: digits, one SP, the request's method
    [InlineData("102  NOTIFY", 102u)] // LWS wider than one SP: the general path
    [InlineData("102\tNOTIFY", 102u)]
    [InlineData("2147483647 NOTIFY", 2147483647u)]
    public void A_request_cseq_is_read_whether_written_tight_or_not(string value, uint number)
    {
        var message = Parse(Notify().Replace("CSeq: 102 NOTIFY", "CSeq: " + value)).Message!;
        Assert.Equal(number, message.CSeq.Number);
        Assert.Same(SipMethod.Notify.Name, message.CSeq.Method.Name); // the cached method, not a new string
    }

    [Theory]
    [InlineData("2147483648 NOTIFY", SipParseError.InvalidCSeq)] // 2^31 (RFC 3261 8.1.1.5)
    [InlineData("x02 NOTIFY", SipParseError.InvalidCSeq)]
    [InlineData("NOTIFY", SipParseError.InvalidCSeq)]
    [InlineData("1NOTIFY", SipParseError.InvalidCSeq)]
    [InlineData("102 XNOTIFY", SipParseError.CSeqMethodMismatch)]
    [InlineData("102 notify", SipParseError.CSeqMethodMismatch)] // methods are case-sensitive (RFC 3261 7.1)
    [InlineData("102 SUBSCRIBE", SipParseError.CSeqMethodMismatch)]
    public void A_request_cseq_that_is_not_a_number_and_the_requests_method_is_refused(string value, SipParseError error)
    {
        Assert.Equal(error, Parse(Notify().Replace("CSeq: 102 NOTIFY", "CSeq: " + value)).Error);
    }

    [Theory]
    [InlineData("fks 1@192.0.2.10", false)]
    [InlineData("fks\t1@192.0.2.10", false)]
    [InlineData("a234567890123456789012345678901 ", true)] // 31 bytes once trimmed: whitespace after the value is not in it
    [InlineData("a2345678901234567890123456789012", true)] // exactly 32 bytes: one compare's width
    [InlineData("a234567890123456789012345678901 3", false)] // 33 bytes, the space inside the first 32
    [InlineData("a2345678901234567890123456789012345678 @x", false)] // past 32 bytes: the byte loop
    [InlineData("a2345678901234567890123456789012345678@x", true)]
    public void A_call_id_with_whitespace_inside_is_refused_at_any_length(string callId, bool valid)
    {
        var result = Parse(Notify().Replace("Call-ID: fks-1@192.0.2.10", "Call-ID: " + callId));
        Assert.Equal(valid ? SipParseError.None : SipParseError.InvalidCallId, result.Error);
    }

    [Fact]
    public void A_call_id_at_the_end_of_the_buffer_is_checked_without_reading_past_it()
    {
        // The Call-ID is the last header and nothing follows the blank line: fewer than 32 bytes remain.
        var text = Notify().Replace("Call-ID: fks-1@192.0.2.10\r\n", "") .Replace("Content-Length: 0\r\n\r\n", "Call-ID: a b\r\n\r\n");
        Assert.Equal(SipParseError.InvalidCallId, Parse(text).Error);
        var good = Notify().Replace("Call-ID: fks-1@192.0.2.10\r\n", "").Replace("Content-Length: 0\r\n\r\n", "Call-ID: ab\r\n\r\n");
        Assert.Equal("ab", Parse(good).Message!.CallId);
    }

    [Theory]
    [InlineData("z9hG4bK-1", true)]
    [InlineData("z9hG4bK-524287-1---77ba5c1bba2e", true)] // long: the vectorized walk
    [InlineData("z9hG4bK-524287-1---77ba5c1bba2e.0123456789", true)]
    [InlineData("z9hG4bK-52@287", false)] // '@' is in neither token nor host
    [InlineData("z9hG4bK-524287-1---77ba5c1bb@2e", false)] // the same, past the first 16 bytes
    [InlineData("z9hG4bK-524287-1---77ba5c1bba2e0123456789012345678901234567890123456789/", false)]
    public void A_via_branch_is_checked_byte_for_byte_at_any_length(string branch, bool valid)
    {
        var result = Parse(Notify().Replace("branch=z9hG4bK-1;rport", "branch=" + branch + ";rport"));
        Assert.Equal(valid ? SipParseError.None : SipParseError.InvalidVia, result.Error);
        if (valid)
        {
            Assert.Equal(branch, result.Message!.TopVia!.Branch);
        }
    }

    [Fact]
    public void Header_line_without_colon_is_rejected()
    {
        Assert.Equal(SipParseError.MalformedHeader, Parse(Notify("Garbage line\r\n")).Error);
    }

    [Fact]
    public void Parser_never_throws_on_any_truncation_or_byte_flip()
    {
        var bytes = Encoding.UTF8.GetBytes(Notify("Contact: <sip:a@[2001:db8::1]:5060>;expires=30\r\n", "body"));
        for (var length = 0; length <= bytes.Length; length++)
        {
            _ = SipParser.TryParse(bytes.AsMemory(0, length));
        }
        byte[] replacements = [0, (byte)'"', (byte)'<', (byte)'>', (byte)';', (byte)',', (byte)'\r', (byte)'\n', (byte)' ', (byte)'[', 0xFF];
        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var replacement in replacements)
            {
                var copy = (byte[])bytes.Clone();
                copy[i] = replacement;
                var result = SipParser.TryParse(copy);
                if (result.Success)
                {
                    // Every typed view must also cope without throwing.
                    _ = (result.Message.From, result.Message.To, result.Message.TopVia, result.Message.CallId);
                    _ = result.Message.TryGetContacts(out _);
                }
            }
        }
    }
}
