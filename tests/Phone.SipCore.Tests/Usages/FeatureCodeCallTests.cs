using Phone.SipCore.SyncLog;
using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

public sealed class FeatureCodeCallTests : IAsyncLifetime
{
    private readonly ScriptedPeer _peer = new();
    private SipAccount _account = null!;

    public ValueTask InitializeAsync()
    {
        _account = new SipAccount { User = "2001", Password = "secret", Domain = "127.0.0.2", Port = _peer.ServerEndPoint.Port };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _peer.DisposeAsync();

    private SipEndPoint Server => _peer.ServerLink.LocalEndPoint;

    private Task<FeatureCodeOutcome> Dial(string code, FeatureCodeOptions? options = null) =>
        FeatureCodeCall.DialAsync(_peer.Stack, _account, 1, Server, code, new AuthenticatingSender(_account.Credentials),
            options ?? new FeatureCodeOptions(), CancellationToken.None);

    private static StatusPhrase Phrase(string detail) =>
        StatusPhrase.TryDecode(detail, out var phrase) ? phrase : throw new Xunit.Sdk.XunitException($"not a phrase: {detail}");

    private static SipResponse Answer(SipRequest r) =>
        SipMessageBuilder.ForResponseTo(r, 200, null, "pbx").AddHeader(HeaderId.Contact, "<sip:pbx@127.0.0.2:5070>").BuildResponse();

    private async Task<SipRequest> NextAsync(string method)
    {
        var request = await _peer.NextRequestAsync();
        Assert.Equal(method, request.Method.Name);
        return request;
    }

    private string ByeFromPbx(SipRequest invite) =>
        PeerMessages.Request("BYE", "sip:2001@127.0.0.1", $"z9hG4bKbye{Guid.NewGuid():N}", invite.CallId,
            "<sip:*78@127.0.0.2>;tag=pbx", $"<sip:2001@127.0.0.2>;tag={invite.FromTag}", "1 BYE");

    [Fact]
    public async Task Invite_goes_to_the_code_with_a_pcmu_offer_then_ack_and_the_pbx_bye_make_it_sent()
    {
        _peer.Respond = Answer;
        var dial = Dial("*78");

        var invite = await NextAsync("INVITE");
        Assert.Equal("sip:*78@127.0.0.2", invite.RequestUriText);
        Assert.Equal("sip:2001@127.0.0.2", invite.From.UriText);
        Assert.NotNull(invite.FromTag);
        Assert.Null(invite.ToTag);
        Assert.True(invite.TryGetContentType(out var type));
        Assert.Equal("application/sdp", type.MimeType);
        var sdp = Encoding.UTF8.GetString(invite.Body.Span);
        Assert.Contains("m=audio 9 RTP/AVP 0\r\n", sdp);
        Assert.Contains("a=rtpmap:0 PCMU/8000", sdp);
        Assert.True(invite.TryGetContacts(out var contacts) && contacts.Count == 1);

        var ack = await NextAsync("ACK");
        Assert.Equal("sip:pbx@127.0.0.2:5070", ack.RequestUriText); // the 2xx's Contact
        Assert.NotEqual(invite.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal(invite.CSeq.Number, ack.CSeq.Number);
        Assert.Equal(invite.CallId, ack.CallId);
        Assert.Equal("pbx", ack.ToTag);
        Assert.Equal(invite.FromTag, ack.FromTag);

        await _peer.SendToPhoneAsync(ByeFromPbx(invite));
        Assert.Equal(200, (await _peer.NextResponseAsync()).StatusCode);
        var outcome = await dial.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(outcome.Success);
        Assert.Equal(200, outcome.Status);
        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.CodeAnsweredPbxHungUp, SyncLogArg.Text("200 OK")), Phrase(outcome.Detail));
        Assert.Equal("sip:*78@127.0.0.2", outcome.RequestUri);
        Assert.False(_peer.TryTakeRequest(out _)); // no BYE of ours
    }

    [Theory]
    [InlineData("*57*2424#", "sip:*57*2424%23@127.0.0.2")]
    [InlineData("#57#", "sip:%2357%23@127.0.0.2")]
    [InlineData("*722424", "sip:*722424@127.0.0.2")]
    public async Task Hash_is_escaped_in_the_request_uri_and_star_stays(string code, string uri)
    {
        _peer.Respond = r => SipResponse.Create(r, 404, null, "pbx");
        var dial = Dial(code);

        var invite = await NextAsync("INVITE");

        Assert.Equal(uri, invite.RequestUriText);
        Assert.Equal(code, invite.RequestUri!.UnescapedUser);
        Assert.Equal(uri, (await dial.WaitAsync(TimeSpan.FromSeconds(10))).RequestUri);
    }

    [Fact]
    public async Task Without_a_bye_from_the_pbx_the_phone_hangs_up_after_the_guard_time()
    {
        _peer.Respond = Answer;
        var dial = Dial("*79");
        var invite = await NextAsync("INVITE");
        await NextAsync("ACK");

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(4));
        Assert.False(_peer.TryTakeRequest(out _));
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(1.5));
        var bye = await NextAsync("BYE");
        var outcome = await dial.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("sip:pbx@127.0.0.2:5070", bye.RequestUriText);
        Assert.Equal(invite.CSeq.Number + 1, bye.CSeq.Number);
        Assert.Equal("pbx", bye.ToTag);
        Assert.True(outcome.Success);
        var detail = Phrase(outcome.Detail);
        Assert.Equal(StatusPhraseCode.CodeAnsweredWeHungUp, detail.Code);
        Assert.Equal("200 OK", detail.Args[0].Value); // the PBX's answer to the INVITE
        Assert.Equal("200 OK", detail.Args[2].Value); // its answer to our BYE
    }

    [Fact]
    public async Task An_error_status_fails_with_that_status()
    {
        _peer.Respond = r => r.Method == SipMethod.Invite ? SipResponse.Create(r, 404, null, "pbx") : null;
        var dial = Dial("*78");

        var outcome = await dial.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(outcome.Success);
        Assert.Equal(404, outcome.Status);
        Assert.Equal("404 Not Found", outcome.Detail);
        await NextAsync("INVITE");
        await NextAsync("ACK"); // sent by the transaction (RFC 3261 17.1.1.3)
    }

    [Fact]
    public async Task A_proxy_challenge_is_answered_once_with_credentials()
    {
        var attempts = 0;
        _peer.Respond = r =>
        {
            if (r.Method != SipMethod.Invite)
            {
                return SipResponse.Create(r, 200);
            }
            return ++attempts == 1
                ? SipMessageBuilder.ForResponseTo(r, 407, null, "pbx")
                    .AddHeader(HeaderId.ProxyAuthenticate, "Digest realm=\"pbx\", nonce=\"abc123\", algorithm=MD5, qop=\"auth\"")
                    .BuildResponse()
                : Answer(r);
        };
        var dial = Dial("*78", new FeatureCodeOptions { ByeGuardTime = TimeSpan.FromSeconds(1) });

        var first = await NextAsync("INVITE");
        await NextAsync("ACK");
        var second = await NextAsync("INVITE");
        await NextAsync("ACK");

        Assert.Null(first.GetHeaderValue(HeaderId.ProxyAuthorization));
        Assert.Contains("username=\"2001\"", second.GetHeaderValue(HeaderId.ProxyAuthorization));
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.FromTag, second.FromTag);
        Assert.Equal(first.CSeq.Number + 1, second.CSeq.Number);
        Assert.NotEqual(first.TopVia.Branch, second.TopVia.Branch);
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(1.5));
        Assert.True((await dial.WaitAsync(TimeSpan.FromSeconds(10))).Success);
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_challenge_status()
    {
        _peer.Respond = r => r.Method != SipMethod.Invite ? null : SipMessageBuilder.ForResponseTo(r, 401, null, "pbx")
            .AddHeader(HeaderId.WwwAuthenticate, "Digest realm=\"pbx\", nonce=\"n1\", algorithm=MD5").BuildResponse();
        var dial = Dial("*78");

        var outcome = await dial.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(outcome.Success);
        Assert.Equal(401, outcome.Status);
        var detail = Phrase(outcome.Detail);
        Assert.Equal(StatusPhraseCode.AuthCredentialsRejected, detail.Code);
        Assert.Equal("401 Unauthorized", StatusPhrase.ProtocolText(outcome.Detail));
    }

    [Fact]
    public async Task No_final_response_in_time_sends_cancel_and_fails()
    {
        _peer.Respond = r => r.Method == SipMethod.Invite ? SipResponse.Create(r, 180, null, "pbx") : SipResponse.Create(r, 200);
        var dial = Dial("*78");
        var invite = await NextAsync("INVITE");

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(14.5));
        Assert.False(_peer.TryTakeRequest(out _));
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(1));
        var cancel = await NextAsync("CANCEL");
        Assert.Equal(invite.TopVia.Branch, cancel.TopVia.Branch); // RFC 3261 9.1
        Assert.Equal(invite.CSeq.Number, cancel.CSeq.Number);
        Assert.Equal(invite.RequestUriText, cancel.RequestUriText);
        await _peer.ServerLink.SendAsync(SipResponse.Create(invite, 487, null, "pbx").Buffer, _peer.PhoneLink.LocalEndPoint, default);

        var outcome = await dial.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(outcome.Success);
        Assert.Equal(487, outcome.Status);
        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.CodeNoAnswerCancelled, SyncLogArg.Detail("")), outcome.Detail);
        await NextAsync("ACK");
    }

    [Fact]
    public async Task Cancel_waits_for_a_provisional_response()
    {
        SipRequest? held = null;
        _peer.Respond = r =>
        {
            if (r.Method == SipMethod.Invite)
            {
                held = r;
                return null;
            }
            return SipResponse.Create(r, 200);
        };
        var dial = Dial("*78", new FeatureCodeOptions { AnswerTimeout = TimeSpan.FromSeconds(2) });
        await NextAsync("INVITE");

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(2.5));
        while (_peer.TryTakeRequest(out var retransmitted))
        {
            Assert.Equal("INVITE", retransmitted.Method.Name); // Timer A, and no CANCEL yet (RFC 3261 9.1)
        }
        await _peer.ServerLink.SendAsync(SipResponse.Create(held!, 100).Buffer, _peer.PhoneLink.LocalEndPoint, default);
        await NextAsync("CANCEL");
        await _peer.ServerLink.SendAsync(SipResponse.Create(held!, 487, null, "pbx").Buffer, _peer.PhoneLink.LocalEndPoint, default);

        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.CodeNoAnswerCancelled, SyncLogArg.Detail("")), (await dial.WaitAsync(TimeSpan.FromSeconds(10))).Detail);
    }

    [Fact]
    public async Task A_silent_server_fails_on_timer_b_without_cancel()
    {
        _peer.Respond = _ => null;
        var dial = Dial("*78");
        await NextAsync("INVITE");

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(33));
        var outcome = await dial.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(outcome.Success);
        Assert.Null(outcome.Status);
        Assert.True(StatusPhrase.TryDecode(outcome.Detail, out var noAnswer));
        Assert.Contains(noAnswer.Code, new[] { StatusPhraseCode.CodeNoAnswer, StatusPhraseCode.CodeNoAnswerCancelled });
        while (_peer.TryTakeRequest(out var request))
        {
            Assert.Equal("INVITE", request.Method.Name);
        }
    }

    [Fact]
    public async Task A_retransmitted_2xx_is_acked_again()
    {
        SipResponse? ok = null;
        _peer.Respond = r => r.Method == SipMethod.Invite ? ok = Answer(r) : SipResponse.Create(r, 200);
        var dial = Dial("*78");
        var invite = await NextAsync("INVITE");
        var ack = await NextAsync("ACK");

        await _peer.ServerLink.SendAsync(ok!.Buffer, _peer.PhoneLink.LocalEndPoint, default);
        var again = await NextAsync("ACK");

        Assert.Equal(ack.TopVia.Branch, again.TopVia.Branch);
        await _peer.SendToPhoneAsync(ByeFromPbx(invite));
        Assert.True((await dial.WaitAsync(TimeSpan.FromSeconds(10))).Success);
    }

    [Fact]
    public async Task Each_dial_is_one_new_call()
    {
        _peer.Respond = r => SipResponse.Create(r, 486, null, "pbx");
        await Dial("*78").WaitAsync(TimeSpan.FromSeconds(10));
        await Dial("*78").WaitAsync(TimeSpan.FromSeconds(10));

        var first = await NextAsync("INVITE");
        await NextAsync("ACK");
        var second = await NextAsync("INVITE");

        Assert.NotEqual(first.CallId, second.CallId);
        Assert.NotEqual(first.FromTag, second.FromTag);
    }

    [Fact]
    public async Task Cancelling_the_dial_while_ringing_sends_cancel()
    {
        _peer.Respond = r => r.Method == SipMethod.Invite ? SipResponse.Create(r, 180, null, "pbx") : SipResponse.Create(r, 200);
        using var stop = new CancellationTokenSource();
        var dial = FeatureCodeCall.DialAsync(_peer.Stack, _account, 1, Server, "*78", new AuthenticatingSender(_account.Credentials),
            new FeatureCodeOptions(), stop.Token);
        await NextAsync("INVITE");

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dial.WaitAsync(TimeSpan.FromSeconds(10)));
        await NextAsync("CANCEL");
    }

    [Fact]
    public async Task Cancelling_the_dial_after_the_answer_still_hangs_up()
    {
        _peer.Respond = Answer;
        using var stop = new CancellationTokenSource();
        var dial = FeatureCodeCall.DialAsync(_peer.Stack, _account, 1, Server, "*78", new AuthenticatingSender(_account.Credentials),
            new FeatureCodeOptions(), stop.Token);
        await NextAsync("INVITE");
        await NextAsync("ACK");

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dial.WaitAsync(TimeSpan.FromSeconds(10)));
        await NextAsync("BYE");
    }
}
