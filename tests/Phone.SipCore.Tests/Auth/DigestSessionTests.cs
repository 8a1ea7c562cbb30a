using Phone.SipCore.Auth;

namespace Phone.SipCore.Tests.Auth;

public sealed class DigestSessionTests
{
    private static readonly DigestCredentials Alice = new("alice", "secret123");

    private static DigestSession NewSession(string? realm = null) =>
        new(Alice, new DigestAuthenticator(() => "0a4f113b"), realm);

    private static string[] Challenge(string nonce, bool stale = false, string realm = "atlanta.example.com") =>
        [$"Digest realm=\"{realm}\", nonce=\"{nonce}\", qop=\"auth\", algorithm=SHA-256, stale={(stale ? "true" : "false")}"];

    [Fact]
    public void NoCredentialsBeforeAnyChallenge()
    {
        Assert.Null(NewSession().Authorize("REGISTER", "sip:atlanta.example.com"));
    }

    [Fact]
    public void FirstChallengeMeansRetryAndNonceCountIncrementsPerRequest()
    {
        var session = NewSession();

        var result = session.OnChallenge(401, Challenge("n1"));
        Assert.Equal(DigestChallengeOutcome.Retry, result.Outcome);
        Assert.True(result.ShouldRetry);
        Assert.Equal("Authorization", session.AuthorizationHeaderName);

        Assert.Equal("00000001", session.Authorize("REGISTER", "sip:atlanta.example.com")!.NonceCountText);
        session.OnAccepted();
        // A refresh reusing the nonce must not repeat nc (RFC 7616 3.4: the server detects replays by it).
        Assert.Equal("00000002", session.Authorize("REGISTER", "sip:atlanta.example.com")!.NonceCountText);
        Assert.Equal(2u, session.NonceCount);
    }

    [Fact]
    public void StaleTrueRetriesWithTheNewNonceAndRestartsNc()
    {
        var session = NewSession();
        session.OnChallenge(401, Challenge("n1"));
        session.Authorize("REGISTER", "sip:atlanta.example.com");
        session.Authorize("REGISTER", "sip:atlanta.example.com");

        var result = session.OnChallenge(401, Challenge("n2", stale: true));

        Assert.Equal(DigestChallengeOutcome.RetryWithNewNonce, result.Outcome);
        var retry = session.Authorize("REGISTER", "sip:atlanta.example.com")!;
        Assert.Equal("n2", retry.Nonce);
        Assert.Equal("00000001", retry.NonceCountText);
    }

    [Fact]
    public void SecondChallengeWithoutStaleAfterCredentialsMeansWrongCredentials()
    {
        var session = NewSession();
        session.OnChallenge(401, Challenge("n1"));
        session.Authorize("REGISTER", "sip:atlanta.example.com");

        var result = session.OnChallenge(401, Challenge("n2"));

        Assert.Equal(DigestChallengeOutcome.CredentialsRejected, result.Outcome);
        Assert.False(result.ShouldRetry);
        Assert.Contains("alice", result.Reason);
        // Nothing changed: the old challenge is still the one on record.
        Assert.Equal("n1", session.Challenge!.Nonce);
    }

    [Fact]
    public void ChallengeAfterAnAcceptedRequestIsAFreshChallenge()
    {
        var session = NewSession();
        session.OnChallenge(401, Challenge("n1"));
        session.Authorize("REGISTER", "sip:atlanta.example.com");
        session.OnAccepted();

        // An hour later the refresh is challenged with a new nonce and no stale flag.
        Assert.Equal(DigestChallengeOutcome.Retry, session.OnChallenge(401, Challenge("n2")).Outcome);
    }

    [Fact]
    public void EndlessStaleIsEventuallyTreatedAsRejection()
    {
        var session = NewSession();
        session.OnChallenge(401, Challenge("n0"));
        for (var i = 1; i <= DigestSession.MaxConsecutiveStale; i++)
        {
            session.Authorize("REGISTER", "sip:atlanta.example.com");
            Assert.Equal(DigestChallengeOutcome.RetryWithNewNonce, session.OnChallenge(401, Challenge($"n{i}", stale: true)).Outcome);
        }
        session.Authorize("REGISTER", "sip:atlanta.example.com");

        var result = session.OnChallenge(401, Challenge("again", stale: true));

        Assert.Equal(DigestChallengeOutcome.CredentialsRejected, result.Outcome);
        Assert.Contains("stale", result.Reason);
    }

    [Fact]
    public void ProxyChallengeUsesProxyAuthorization()
    {
        var session = NewSession();
        session.OnChallenge(407, Challenge("n1"));
        Assert.True(session.IsProxy);
        Assert.Equal("Proxy-Authorization", session.AuthorizationHeaderName);
    }

    [Fact]
    public void ChallengeForAnotherRealmIsUnusableAndChangesNothing()
    {
        var session = NewSession(realm: "atlanta.example.com");
        session.OnChallenge(401, Challenge("n1"));

        var result = session.OnChallenge(401, Challenge("evil", realm: "elsewhere.example"));

        Assert.Equal(DigestChallengeOutcome.Unusable, result.Outcome);
        Assert.Equal("n1", session.Challenge!.Nonce);
    }

    [Fact]
    public void OnlyAuthenticationStatusCodesAreAccepted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewSession().OnChallenge(403, Challenge("n1")));
    }
}
