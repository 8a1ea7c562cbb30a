using Phone.SipCore.SyncLog;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.Interop.Tests.FeatureCodes;

/// <summary>Our feature-code calls against sipp playing the PBX (protocol.md section 2).</summary>
public sealed class FeatureCodeInteropTests
{
    private static SipAccount Account(SippProcess sipp, string password = "secret") =>
        new() { User = "2001", Password = password, Domain = "127.0.0.1", Port = sipp.Port };

    private static Task<FeatureCodeOutcome> DialAsync(SipCoreHarness phone, SippProcess sipp, string code, FeatureCodeOptions? options = null)
    {
        var account = Account(sipp);
        return FeatureCodeCall.DialAsync(phone.Stack, account, 1, new SipEndPoint(SipTransportKind.Udp, sipp.EndPoint), code,
            new AuthenticatingSender(account.Credentials), options ?? new FeatureCodeOptions(), CancellationToken.None);
    }

    [Theory]
    [InlineData("*78", "sip:*78@127.0.0.1")] // DND on (FreePBX)
    [InlineData("*79", "sip:*79@127.0.0.1")] // DND off
    [InlineData("*722424", "sip:*722424@127.0.0.1")] // forward always on, {code}{number}
    [InlineData("*73", "sip:*73@127.0.0.1")] // forward always off
    [InlineData("*902424", "sip:*902424@127.0.0.1")] // forward busy on
    [InlineData("*91", "sip:*91@127.0.0.1")] // forward busy off
    [InlineData("*522424", "sip:*522424@127.0.0.1")] // forward no-answer on
    [InlineData("*53", "sip:*53@127.0.0.1")] // forward no-answer off
    [InlineData("*57*2424#", "sip:*57*2424%23@127.0.0.1")] // IMS style {code}*{number}#: '#' escaped (RFC 3261 25.1)
    [InlineData("#57#", "sip:%2357%23@127.0.0.1")] // IMS style off code
    public async Task The_pbx_receives_the_code_in_the_request_uri_and_hangs_up(string code, string requestUri)
    {
        await using var sipp = SippProcess.Start("pbx-feature-code.xml");
        await using var phone = new SipCoreHarness();

        var outcome = await DialAsync(phone, sipp, code).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(outcome.Success, outcome.Detail);
        Assert.Equal(200, outcome.Status);
        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.CodeAnsweredPbxHungUp, SyncLogArg.Text("200 OK")),
            StatusPhrase.TryDecode(outcome.Detail, out var detail) ? detail : null);
        Assert.Equal(requestUri, outcome.RequestUri);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        var log = sipp.MessageLog();
        Assert.Contains($"INVITE {requestUri} SIP/2.0", log);
        Assert.Contains("ACK sip:pbx@127.0.0.1:", log);
        Assert.Contains("Content-Type: application/sdp", log);
    }

    [Fact]
    public async Task A_challenged_invite_is_sent_again_with_digest_credentials()
    {
        await using var sipp = SippProcess.Start("pbx-feature-code-digest.xml");
        await using var phone = new SipCoreHarness();

        var outcome = await DialAsync(phone, sipp, "*78").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(outcome.Success, outcome.Detail);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        var log = sipp.MessageLog();
        Assert.Contains("Authorization: Digest username=\"2001\"", log);
        Assert.Contains("uri=\"sip:*78@127.0.0.1\"", log);
    }

    [Fact]
    public async Task A_404_fails_with_the_status()
    {
        await using var sipp = SippProcess.Start("pbx-feature-code-404.xml");
        await using var phone = new SipCoreHarness();

        var outcome = await DialAsync(phone, sipp, "*99").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(outcome.Success);
        Assert.Equal(404, outcome.Status);
        Assert.Equal("404 Not Found", outcome.Detail);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task No_answer_is_cancelled_and_fails()
    {
        await using var sipp = SippProcess.Start("pbx-feature-code-no-answer.xml");
        await using var phone = new SipCoreHarness();

        var outcome = await DialAsync(phone, sipp, "*78", new FeatureCodeOptions { AnswerTimeout = TimeSpan.FromSeconds(1) })
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(outcome.Success);
        Assert.Equal(487, outcome.Status);
        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.CodeNoAnswerCancelled, SyncLogArg.Detail("")), outcome.Detail);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("CANCEL sip:*78@127.0.0.1 SIP/2.0", sipp.MessageLog());
    }

    [Fact]
    public async Task A_pbx_that_never_hangs_up_gets_our_bye_after_the_guard_time()
    {
        await using var sipp = SippProcess.Start("pbx-feature-code-no-bye.xml");
        await using var phone = new SipCoreHarness();

        var outcome = await DialAsync(phone, sipp, "*78", new FeatureCodeOptions { ByeGuardTime = TimeSpan.FromSeconds(1) })
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(outcome.Success, outcome.Detail);
        Assert.True(StatusPhrase.TryDecode(outcome.Detail, out var detail), outcome.Detail);
        Assert.Equal(StatusPhraseCode.CodeAnsweredWeHungUp, detail.Code);
        Assert.Equal("200 OK", detail.Args[^1].Value); // our BYE's answer
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("BYE sip:pbx@127.0.0.1:", sipp.MessageLog());
    }
}
