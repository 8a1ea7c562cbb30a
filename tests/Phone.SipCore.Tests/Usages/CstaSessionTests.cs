using Phone.SipCore.SyncLog;
using System.Text;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Csta;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

public sealed class CstaSessionTests : IAsyncLifetime
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private const string Csta = "application/csta+xml";
    private readonly ScriptedPeer _peer = new();
    private readonly List<FeatureDocument> _applied = [];
    private readonly List<SyncLogEvent> _log = [];
    private CstaSession _session = null!;
    private volatile bool _dnd;

    public ValueTask InitializeAsync()
    {
        _session = new CstaSession(_peer.Stack, DialogOwner.Inline(1), () => new CstaStateSnapshot(_dnd, []), document =>
        {
            lock (_applied)
            {
                _applied.Add(document);
            }
            if (document is SetDoNotDisturb set)
            {
                _dnd = set.DoNotDisturbOn;
            }
        }, line =>
        {
            lock (_log)
            {
                _log.Add(line);
            }
        });
        _peer.Stack.RegisterUser("2001", new UserRouter(t =>
        {
            if (!_session.OnInvite(t))
            {
                t.Respond(488);
            }
        }));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _session.Dispose();
        await _peer.DisposeAsync();
    }

    private static string Element(string root, string children = "") =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{root} xmlns=\"{Ns}\"><device>2001</device>{children}</{root}>";

    private static string MonitorStart =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><MonitorStart xmlns=\"{Ns}\"><monitorObject><deviceObject>2001</deviceObject></monitorObject></MonitorStart>";

    /// <summary>Opens a session as 3CX does and ACKs the 200; returns the Call-ID and the phone's tag.</summary>
    private async Task<(string CallId, string Tag)> OpenAsync()
    {
        var callId = SipIds.NewCallId("3cx");
        await _peer.SendToPhoneAsync(PeerMessages.Invite(SipIds.NewBranch(), callId, Csta, "",
            "Content-Disposition: signal;handling=required\r\n"));
        var ok = await _peer.NextAsync(200);
        await _peer.SendToPhoneAsync(PeerMessages.InDialog("ACK", callId, ok.ToTag!, 1));
        return (callId, ok.ToTag!);
    }

    private async Task<string> InfoAsync((string CallId, string Tag) session, int cseq, string body, int status = 200)
    {
        await _peer.SendToPhoneAsync(PeerMessages.InDialog("INFO", session.CallId, session.Tag, cseq, Csta, body));
        var response = await _peer.NextAsync(status);
        return Encoding.UTF8.GetString(response.Body.Span);
    }

    [Fact]
    public async Task A_csta_invite_is_answered_200_with_a_tag_and_contact_and_no_sdp()
    {
        var callId = SipIds.NewCallId("3cx");
        await _peer.SendToPhoneAsync(PeerMessages.Invite(SipIds.NewBranch(), callId, Csta, "",
            "Content-Disposition: signal;handling=required\r\n"));

        var ok = await _peer.NextAsync(200);

        Assert.NotNull(ok.ToTag);
        Assert.True(ok.TryGetContacts(out var contacts));
        Assert.StartsWith("sip:2001@", Assert.Single(contacts).Address!.UriText);
        Assert.Equal(0, ok.ContentLength);
        Assert.Equal(1, _session.SessionCount);
    }

    [Fact]
    public async Task The_ack_stops_the_2xx_retransmissions()
    {
        await OpenAsync();
        _peer.DrainResponses();

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(4));

        Assert.False(_peer.Responses.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Without_an_ack_the_2xx_is_retransmitted()
    {
        await _peer.SendToPhoneAsync(PeerMessages.Invite(SipIds.NewBranch(), SipIds.NewCallId("3cx"), Csta));
        await _peer.NextAsync(200);

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(1));

        await _peer.NextAsync(200);
    }

    [Fact]
    public async Task An_invite_without_a_csta_body_is_left_to_the_caller()
    {
        await _peer.SendToPhoneAsync(PeerMessages.Invite(SipIds.NewBranch(), SipIds.NewCallId("call"), "application/sdp", "v=0\r\n"));

        await _peer.NextAsync(488);
        Assert.Equal(0, _session.SessionCount);
    }

    [Fact]
    public async Task Monitor_start_gets_a_monitor_cross_ref_id_unique_per_session()
    {
        var first = await InfoAsync(await OpenAsync(), 2, MonitorStart);
        var second = await InfoAsync(await OpenAsync(), 2, MonitorStart);

        Assert.Contains("<MonitorStartResponse", first);
        var id1 = System.Text.RegularExpressions.Regex.Match(first, "<monitorCrossRefID>([^<]+)<").Groups[1].Value;
        var id2 = System.Text.RegularExpressions.Regex.Match(second, "<monitorCrossRefID>([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(id1);
        Assert.NotEqual(id1, id2);
    }

    [Fact]
    public async Task Info_answers_carry_the_csta_content_type()
    {
        var session = await OpenAsync();
        await _peer.SendToPhoneAsync(PeerMessages.InDialog("INFO", session.CallId, session.Tag, 2, Csta, MonitorStart));

        var ok = await _peer.NextAsync(200);

        Assert.True(ok.TryGetContentType(out var type));
        Assert.Equal(Csta, type.MimeType);
    }

    [Fact]
    public async Task Set_do_not_disturb_is_applied_and_get_reports_it()
    {
        var session = await OpenAsync();

        var set = await InfoAsync(session, 2, Element("SetDoNotDisturb", "<doNotDisturbOn>true</doNotDisturbOn>"));
        var get = await InfoAsync(session, 3, Element("GetDoNotDisturb"));

        Assert.Contains("<SetDoNotDisturbResponse", set);
        lock (_applied)
        {
            Assert.True(Assert.IsType<SetDoNotDisturb>(Assert.Single(_applied)).DoNotDisturbOn);
        }
        Assert.Contains("<doNotDisturbOn>true</doNotDisturbOn>", get);
    }

    [Fact]
    public async Task Set_forwarding_is_applied()
    {
        var session = await OpenAsync();

        var body = await InfoAsync(session, 2, Element("SetForwarding",
            "<forwardingType>forwardImmediate</forwardingType><forwardDN>2424</forwardDN><activateForward>true</activateForward>"));

        Assert.Contains("<SetForwardingResponse", body);
        lock (_applied)
        {
            var forward = Assert.IsType<SetForwarding>(Assert.Single(_applied));
            Assert.Equal("2424", forward.ForwardDn);
        }
    }

    [Fact]
    public async Task An_unknown_request_gets_a_csta_error()
    {
        var session = await OpenAsync();

        var body = await InfoAsync(session, 2, Element("MakeCall", "<calledDirectoryNumber>3001</calledDirectoryNumber>"));

        Assert.Contains("<CSTAErrorCode", body);
        lock (_applied)
        {
            Assert.Empty(_applied);
        }
    }

    [Fact]
    public async Task Malformed_xml_gets_a_csta_error_not_a_crash()
    {
        var session = await OpenAsync();

        var body = await InfoAsync(session, 2, "<SetDoNotDisturb><unclosed>");

        Assert.Contains("<CSTAErrorCode", body);
    }

    [Fact]
    public async Task Bye_ends_the_session_and_later_requests_get_481()
    {
        var session = await OpenAsync();

        await _peer.SendToPhoneAsync(PeerMessages.InDialog("BYE", session.CallId, session.Tag, 2));
        Assert.Equal("BYE", (await _peer.NextAsync(200)).CSeq.Method.Name);
        Assert.Equal(0, _session.SessionCount);

        await InfoAsync(session, 3, MonitorStart, 481);
    }

    [Fact]
    public async Task A_request_with_a_wrong_tag_gets_481()
    {
        var session = await OpenAsync();

        await InfoAsync((session.CallId, "not-ours"), 2, MonitorStart, 481);

        Assert.Equal(1, _session.SessionCount);
    }

    [Fact]
    public async Task Info_with_another_body_type_gets_415()
    {
        var session = await OpenAsync();
        await _peer.SendToPhoneAsync(PeerMessages.InDialog("INFO", session.CallId, session.Tag, 2, "application/dtmf-relay", "Signal=1\r\n"));

        var response = await _peer.NextAsync(415);

        Assert.Equal(Csta, response.GetHeaderValue(HeaderId.Accept));
    }
}
