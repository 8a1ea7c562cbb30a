using System.Net;
using System.Text;
using Phone.SipCore.Dialogs;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Dialogs;

/// <summary>RFC 3261 section 12 and RFC 6665 4.1.2.4, in the one class that keeps dialog state.</summary>
public sealed class SipDialogTests
{
    private static readonly SipEndPoint Server = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));
    private static readonly IPAddress ServerAddress = Server.EndPoint.Address;

    private static T Parse<T>(string text) where T : SipMessage
    {
        var result = SipParser.TryParse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")));
        Assert.True(result.Success, result.Reason);
        return (T)result.Message;
    }

    private static SipDialog Outgoing() =>
        SipDialog.CreateOutgoing("call-1@phone", "sip:2001@pbx.example", "sip:2001@pbx.example", "sip:2001@pbx.example", Server);

    private static SipResponse Ok(SipDialog dialog, string extra, string method = "SUBSCRIBE", int cseq = 1) => Parse<SipResponse>(
        $"""
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc
        From: <sip:2001@pbx.example>;tag={dialog.LocalTag}
        To: <sip:2001@pbx.example>;tag=as1
        Call-ID: call-1@phone
        CSeq: {cseq} {method}
        {extra}Content-Length: 0


        """);

    private static SipRequest Notify(SipDialog dialog, int cseq, string fromTag = "as1", string extra = "") => Parse<SipRequest>(
        $"""
        NOTIFY sip:2001@192.0.2.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK{cseq}x
        Max-Forwards: 70
        From: <sip:2001@pbx.example>;tag={fromTag}
        To: <sip:2001@pbx.example>;tag={dialog.LocalTag}
        Call-ID: call-1@phone
        CSeq: {cseq} NOTIFY
        Event: as-feature-event
        Subscription-State: active;expires=3600
        {extra}Content-Length: 0


        """);

    [Fact]
    public void A_2xx_establishes_the_dialog_with_its_contact_as_target_and_its_record_route_reversed()
    {
        var dialog = Outgoing();
        Assert.False(dialog.IsEstablished);
        Assert.Null(dialog.Id);

        dialog.OnResponse(Ok(dialog, "Contact: <sip:as@192.0.2.20:5070>\nRecord-Route: <sip:p1.example;lr>\nRecord-Route: <sip:p2.example;lr>\n"),
            SipMethod.Subscribe);

        Assert.Equal(new DialogId("call-1@phone", dialog.LocalTag, "as1"), dialog.Id);
        Assert.Equal("sip:as@192.0.2.20:5070", dialog.RemoteTarget);
        Assert.Equal(["<sip:p2.example;lr>", "<sip:p1.example;lr>"], dialog.RouteSet);
    }

    [Fact]
    public void In_dialog_requests_go_to_the_target_through_loose_routes_with_the_tags_and_the_next_cseq()
    {
        var dialog = Outgoing();
        var initial = dialog.CreateRequest(SipMethod.Subscribe, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1").BuildRequest();
        Assert.Equal("sip:2001@pbx.example", initial.RequestUriText);
        Assert.Null(initial.ToTag);
        dialog.OnResponse(Ok(dialog, "Contact: <sip:as@192.0.2.20:5070>\nRecord-Route: <sip:p1.example;lr>\n"), SipMethod.Subscribe);

        var next = dialog.CreateRequest(SipMethod.Subscribe, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK2").BuildRequest();

        Assert.Equal("sip:as@192.0.2.20:5070", next.RequestUriText);
        Assert.Equal("as1", next.ToTag);
        Assert.Equal(dialog.LocalTag, next.FromTag);
        Assert.Equal(2u, next.CSeq.Number);
        Assert.Equal(["<sip:p1.example;lr>"], next.GetHeaderValues(HeaderId.Route));
    }

    [Fact]
    public void A_strict_router_first_takes_the_request_uri_and_the_target_goes_last_in_the_route()
    {
        var dialog = Outgoing();
        dialog.OnResponse(Ok(dialog, "Contact: <sip:as@192.0.2.20>\nRecord-Route: <sip:p2.example;lr>\nRecord-Route: <sip:strict.example>\n"),
            SipMethod.Subscribe);

        var request = dialog.CreateRequest(SipMethod.Subscribe, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK3").BuildRequest();

        // RFC 3261 12.2.1.1: Request-URI = the strict router, Route = the rest + the remote target.
        Assert.Equal("sip:strict.example", request.RequestUriText);
        Assert.Equal(["<sip:p2.example;lr>", "<sip:as@192.0.2.20>"], request.GetHeaderValues(HeaderId.Route));
    }

    [Fact]
    public void A_notify_before_the_2xx_creates_the_dialog_and_the_later_2xx_does_not_replace_it()
    {
        var dialog = Outgoing();

        var check = dialog.CheckRequest(Notify(dialog, 1, extra: "Contact: <sip:as@192.0.2.30>\nRecord-Route: <sip:p1.example;lr>\nRecord-Route: <sip:p2.example;lr>\n"),
            ServerAddress);

        Assert.True(check.IsAccepted);
        Assert.Equal("as1", dialog.RemoteTag);
        Assert.Equal("sip:as@192.0.2.30", dialog.RemoteTarget);
        // RFC 6665 4.1.2.4: built as a UAS builds it (12.1.1): the route set in received order.
        Assert.Equal(["<sip:p1.example;lr>", "<sip:p2.example;lr>"], dialog.RouteSet);
        dialog.OnResponse(Ok(dialog, "Contact: <sip:other@192.0.2.40>\n"), SipMethod.Subscribe);
        Assert.Equal(["<sip:p1.example;lr>", "<sip:p2.example;lr>"], dialog.RouteSet);
        Assert.Equal(1u, dialog.RemoteCSeq);
    }

    [Fact]
    public void A_lower_cseq_is_refused_with_500_and_changes_nothing_while_equal_and_higher_ones_pass()
    {
        var dialog = Outgoing();
        Assert.True(dialog.CheckRequest(Notify(dialog, 5), ServerAddress).IsAccepted);

        var late = dialog.CheckRequest(Notify(dialog, 3, extra: "Contact: <sip:moved@192.0.2.50>\n"), ServerAddress);

        Assert.Equal(500, late.RefuseWith);
        Assert.Equal(5u, dialog.RemoteCSeq);
        Assert.NotEqual("sip:moved@192.0.2.50", dialog.RemoteTarget);
        Assert.True(dialog.CheckRequest(Notify(dialog, 5), ServerAddress).IsAccepted);
        Assert.True(dialog.CheckRequest(Notify(dialog, 6, extra: "Contact: <sip:moved@192.0.2.50>\n"), ServerAddress).IsAccepted);
        Assert.Equal("sip:moved@192.0.2.50", dialog.RemoteTarget); // RFC 6665 4.1.2: NOTIFY refreshes the target
    }

    [Fact]
    public void A_contact_seen_before_moves_the_target_back_after_another_one_moved_it()
    {
        // The target is not re-parsed when a NOTIFY repeats the Contact that set it; this checks
        // that a repeat still moves it back once something else (here a refresh's 2xx) moved it.
        var dialog = Outgoing();
        Assert.True(dialog.CheckRequest(Notify(dialog, 1, extra: "Contact: <sip:as@192.0.2.60>\n"), ServerAddress).IsAccepted);
        Assert.True(dialog.CheckRequest(Notify(dialog, 2, extra: "Contact: <sip:as@192.0.2.60>\n"), ServerAddress).IsAccepted);
        Assert.Equal("sip:as@192.0.2.60", dialog.RemoteTarget);

        dialog.OnResponse(Ok(dialog, "Contact: <sip:as@192.0.2.61>\n"), SipMethod.Subscribe);
        Assert.Equal("sip:as@192.0.2.61", dialog.RemoteTarget);

        Assert.True(dialog.CheckRequest(Notify(dialog, 3, extra: "Contact: <sip:as@192.0.2.60>\n"), ServerAddress).IsAccepted);
        Assert.Equal("sip:as@192.0.2.60", dialog.RemoteTarget);
        Assert.True(dialog.CheckRequest(Notify(dialog, 4, extra: "Contact: <sip:as@192.0.2.62>;expires=60\n"), ServerAddress).IsAccepted);
        Assert.Equal("sip:as@192.0.2.62", dialog.RemoteTarget);
    }

    [Fact]
    public void Another_remote_tag_an_unknown_host_or_an_ended_dialog_gets_481()
    {
        var dialog = Outgoing();
        Assert.True(dialog.CheckRequest(Notify(dialog, 1), ServerAddress).IsAccepted);

        Assert.Equal(481, dialog.CheckRequest(Notify(dialog, 2, fromTag: "other"), ServerAddress).RefuseWith);
        Assert.Equal(481, dialog.CheckRequest(Notify(dialog, 3), IPAddress.Parse("198.51.100.7")).RefuseWith);
        Assert.Equal(1u, dialog.RemoteCSeq); // refused requests take no CSeq
        dialog.Terminate();
        Assert.Equal(481, dialog.CheckRequest(Notify(dialog, 4), ServerAddress).RefuseWith);
    }

    [Fact]
    public void An_early_dialog_takes_no_request_but_a_notify()
    {
        var dialog = Outgoing();
        var bye = Parse<SipRequest>(
            $"""
            BYE sip:2001@192.0.2.1 SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKbye
            Max-Forwards: 70
            From: <sip:2001@pbx.example>;tag=as1
            To: <sip:2001@pbx.example>;tag={dialog.LocalTag}
            Call-ID: call-1@phone
            CSeq: 1 BYE
            Content-Length: 0


            """);

        Assert.Equal(481, dialog.CheckRequest(bye, ServerAddress).RefuseWith);
        Assert.False(dialog.IsEstablished);
    }

    [Fact]
    public void An_incoming_request_makes_a_uas_dialog_with_its_contact_routes_and_cseq()
    {
        var invite = Parse<SipRequest>(
            """
            INVITE sips:2001@192.0.2.1;line=abc SIP/2.0
            Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bKinv
            Max-Forwards: 70
            From: <sip:pbx@pbx.example>;tag=pbx1
            To: <sips:2001@pbx.example>
            Call-ID: csta-1@pbx
            CSeq: 7 INVITE
            Contact: <sip:pbx@192.0.2.10:5061;transport=tls>
            Record-Route: <sip:p1.example;lr>
            Record-Route: <sip:p2.example;lr>
            Content-Length: 0


            """);

        var dialog = SipDialog.CreateIncoming(invite, new SipEndPoint(SipTransportKind.Tls, new IPEndPoint(ServerAddress, 5061)));

        Assert.False(dialog.IsUac);
        Assert.True(dialog.Secure);
        Assert.Equal("pbx1", dialog.RemoteTag);
        Assert.Equal("sip:pbx@192.0.2.10:5061;transport=tls", dialog.RemoteTarget);
        Assert.Equal(["<sip:p1.example;lr>", "<sip:p2.example;lr>"], dialog.RouteSet);
        Assert.Equal(7u, dialog.RemoteCSeq);
        var bye = dialog.CreateRequest(SipMethod.Bye, "SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bKb").BuildRequest();
        Assert.Equal("<sips:2001@pbx.example>;tag=" + dialog.LocalTag, bye.GetHeaderValue(HeaderId.From));
        Assert.Equal("<sip:pbx@pbx.example>;tag=pbx1", bye.GetHeaderValue(HeaderId.To));
        Assert.Equal(1u, bye.CSeq.Number); // our own CSeq space (RFC 3261 12.2.1.1)
    }
}
