using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport.Dns;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

/// <summary>Why a request failed, as codes and arguments: only what the peer or the DNS wrote stays as text.</summary>
public sealed class FailurePhrasesTests
{
    private static readonly SipRequest Register = SipParser.TryParse(Encoding.UTF8.GetBytes(PeerMessages.Request(
        "REGISTER", "sip:127.0.0.2", "z9hG4bK1", "c1", "<sip:2001@127.0.0.2>;tag=a", "<sip:2001@127.0.0.2>", "1 REGISTER"))).Request!;

    private static StatusPhrase Decode(string detail) =>
        StatusPhrase.TryDecode(detail, out var phrase) ? phrase : throw new Xunit.Sdk.XunitException($"not a phrase: {detail}");

    [Fact]
    public void A_response_is_its_status_line_and_the_failures_without_one_are_phrases()
    {
        Assert.Equal("403 Forbidden", FailurePhrases.Outcome(TransactionOutcome.Final(SipResponse.Create(Register, 403))));
        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.NoFinalResponse, SyncLogArg.Text(32)),
            Decode(FailurePhrases.Outcome(new TransactionOutcome(null, TransactionFailure.Timeout, "no final response in 32 s") { TimedOutAfter = TimeSpan.FromSeconds(32) })));
        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.TransportFailed, SyncLogArg.Detail("Connection refused")),
            Decode(FailurePhrases.Outcome(new TransactionOutcome(null, TransactionFailure.TransportError, "Connection refused"))));
        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.TransactionCancelled),
            Decode(FailurePhrases.Outcome(new TransactionOutcome(null, TransactionFailure.Cancelled))));
    }

    [Theory]
    [InlineData(SipResolutionFailure.NoSuchDomain, StatusPhraseCode.DnsNoSuchDomain)]
    [InlineData(SipResolutionFailure.NoAddresses, StatusPhraseCode.DnsNoAddresses)]
    [InlineData(SipResolutionFailure.ServiceNotAvailable, StatusPhraseCode.DnsServiceNotOffered)]
    [InlineData(SipResolutionFailure.InvalidHost, StatusPhraseCode.InvalidHost)]
    public void A_resolution_failure_names_the_host_by_code(SipResolutionFailure failure, StatusPhraseCode code)
    {
        var phrase = FailurePhrases.Resolution(new SipResolutionException("pbx.example.test", failure, "English for the process log"));

        Assert.Equal(StatusPhrase.Of(code, SyncLogArg.Text("pbx.example.test")), phrase);
    }

    [Fact]
    public void A_dns_servers_own_error_stays_as_it_said_it()
    {
        var phrase = FailurePhrases.Resolution(new SipResolutionException("pbx.example.test", SipResolutionFailure.DnsError, "English")
        {
            Detail = "SRV: ServerFailure",
        });

        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.DnsQueryFailed, SyncLogArg.Text("pbx.example.test"), SyncLogArg.Detail("SRV: ServerFailure")), phrase);
    }

    [Fact]
    public void A_challenge_without_credentials_keeps_its_status_line_first()
    {
        var challenge = SipResponse.Create(Register, 407);

        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.AuthNoCredentials, SyncLogArg.Text("407 Proxy Authentication Required")),
            FailurePhrases.Auth(challenge, null, null));
        Assert.Equal("407 Proxy Authentication Required", StatusPhrase.ProtocolText(FailurePhrases.Response(challenge, FailurePhrases.Auth(challenge, null, null))));
    }
}
