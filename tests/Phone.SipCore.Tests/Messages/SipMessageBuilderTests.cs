using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Tests.Parsing;

namespace Phone.SipCore.Tests.Messages;

public sealed class SipMessageBuilderTests
{
    private static SipMessageBuilder NewSubscribe() =>
        SipMessageBuilder.ForRequest(SipMethod.Subscribe, "sip:2001@as.example.com")
            .AddHeader(HeaderId.Via, "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-a1;rport")
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, "<sip:2001@as.example.com>;tag=p1")
            .AddHeader(HeaderId.To, "<sip:2001@as.example.com>")
            .AddHeader(HeaderId.CallId, "fks-1@192.0.2.10")
            .AddHeader(HeaderId.CSeq, "1 SUBSCRIBE")
            .AddHeader(HeaderId.Event, "as-feature-event")
            .AddHeader(HeaderId.Expires, "3600");

    [Fact]
    public void New_request_without_body_gets_content_length_zero()
    {
        var bytes = NewSubscribe().ToBytes();
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("Content-Length: 0\r\n\r\n", text);
        var request = SipParser.TryParse(bytes).Request!;
        Assert.Equal(new CSeq(1, SipMethod.Subscribe), request.CSeq);
    }

    [Fact]
    public void Content_length_follows_the_body_in_utf8_bytes_whatever_the_caller_set()
    {
        const string body = "<device>Zoë</device>";
        var request = NewSubscribe()
            .AddHeader(HeaderId.ContentLength, "999")
            .AddHeader("l", "3")
            .SetBody(body, "application/x-as-feature-event+xml")
            .BuildRequest();

        Assert.Equal(Encoding.UTF8.GetByteCount(body), request.ContentLength);
        Assert.Single(request.Headers.ToArray(), h => h.Id == HeaderId.ContentLength);
        Assert.Equal(body, Encoding.UTF8.GetString(request.Body.Span));
        Assert.True(request.TryGetContentType(out var type) && type.Is("application/x-as-feature-event+xml"));
    }

    [Fact]
    public void Changing_the_body_of_a_parsed_message_rewrites_content_length_and_keeps_other_lines()
    {
        var original = SipParser.TryParse(Encoding.UTF8.GetBytes(SipParserTests.Notify("Subject: a\r\n b\r\n", "old"))).Message!;

        var changed = SipMessageBuilder.From(original).SetBody(Encoding.UTF8.GetBytes("longer body")).Build();

        Assert.Equal(11, changed.ContentLength);
        Assert.Contains("Subject: a\r\n b\r\n", changed.ToString()); // the fold stays as received
        Assert.Equal(original.CallId, changed.CallId);
    }

    [Fact]
    public void Set_replaces_all_forms_in_place_and_remove_drops_them()
    {
        var message = NewSubscribe()
            .AddHeader("o", "presence")
            .SetHeader(HeaderId.Event, "dialog;id=3")
            .RemoveHeader(HeaderId.Expires)
            .AddHeader("X-Line", "1")
            .Build();

        Assert.True(message.TryGetEvent(out var ev));
        Assert.Equal(("dialog", "3"), (ev.Package, ev.Id));
        Assert.Single(message.GetHeaderValues(HeaderId.Event));
        Assert.False(message.Contains(HeaderId.Expires));
        Assert.Equal("1", message.GetHeaderValue("x-line"));
        var names = message.Headers.ToArray().Select(h => message.GetName(h)).ToList();
        Assert.True(names.IndexOf("Event") < names.IndexOf("X-Line"));
    }

    [Fact]
    public void Header_injection_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NewSubscribe().AddHeader("Subject", "x\r\nVia: evil"));
        Assert.Throws<ArgumentException>(() => NewSubscribe().AddHeader("Bad Name", "x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Na:me")]
    [InlineData("Näme")]
    [InlineData("名前")]
    [InlineData("Name\t")]
    public void A_header_name_that_is_not_a_token_is_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => NewSubscribe().AddHeader(name, "x"));
        Assert.Contains("not a valid header name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_line_is_the_name_a_colon_and_the_value_in_utf8()
    {
        var bytes = NewSubscribe()
            .AddHeader("X-Token.Name!%*_+`'~", "plain")
            .AddHeader(HeaderId.Subject, "张三 Zoë: forward to 1002")
            .ToBytes();

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\r\nX-Token.Name!%*_+`'~: plain\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nSubject: 张三 Zoë: forward to 1002\r\n", text, StringComparison.Ordinal);
        var request = SipParser.TryParse(bytes).Request!;
        Assert.Equal("张三 Zoë: forward to 1002", request.GetValue(request.Headers[^2]));
    }

    [Fact]
    public void Response_copies_via_from_to_call_id_cseq_and_adds_to_tag()
    {
        var request = SipParser.TryParse(Encoding.UTF8.GetBytes(
            "SUBSCRIBE sip:2001@as.example.com SIP/2.0\r\n" +
            "v: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-a1;rport\r\n" +
            "Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bK-p\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:2001@as.example.com>;tag=p1\r\nTo: <sip:2001@as.example.com>\r\n" +
            "Call-ID: fks-1@192.0.2.10\r\nCSeq: 1 SUBSCRIBE\r\nEvent: as-feature-event\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n")).Request!;

        var response = SipResponse.Create(request, 200, toTag: "srv9");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(["z9hG4bK-a1", "z9hG4bK-p"], response.Vias.Select(v => v.Branch));
        Assert.Equal("p1", response.FromTag);
        Assert.Equal("srv9", response.ToTag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Null(response.MaxForwards);
        Assert.False(response.Contains(HeaderId.Event));
        Assert.Equal(0, response.ContentLength);
    }

    [Fact]
    public void Response_keeps_an_existing_to_tag_and_100_gets_none()
    {
        var bytes = Encoding.UTF8.GetBytes(SipParserTests.Notify("Timestamp: 54\r\n"));
        var request = SipParser.TryParse(bytes).Request!;
        Assert.Equal("p1", SipResponse.Create(request, 481, toTag: "other").ToTag);

        var noTag = SipParser.TryParse(Encoding.UTF8.GetBytes(
            SipParserTests.Notify("Timestamp: 54\r\n").Replace(";tag=p1", ""))).Request!;
        var trying = SipResponse.Create(noTag, 100, toTag: "x");
        Assert.Null(trying.ToTag);
        Assert.Equal("54", trying.GetHeaderValue(HeaderId.Timestamp)); // RFC 3261 8.2.6.1
    }

    [Fact]
    public void Builder_from_unchanged_message_round_trips_every_torture_message()
    {
        foreach (var text in new[] { Rfc4475Valid.Wsinv, Rfc4475Valid.Esc01, Rfc4475Valid.Intmeth })
        {
            var bytes = TortureText.Expand(text);
            var message = SipParser.TryParse(bytes).Message!;
            Assert.Equal(bytes, SipMessageBuilder.From(message).ToBytes());
        }
    }
}
