using Phone.SipCore.Auth;

namespace Phone.SipCore.Tests.Auth;

public sealed class DigestChallengeTests
{
    [Fact]
    public void ParsesEveryParameter()
    {
        const string value =
            "Digest realm=\"biloxi.com\", domain=\"sip:biloxi.com sip:ss1.biloxi.com\", qop=\"auth,auth-int\", " +
            "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", " +
            "stale=TRUE, algorithm=SHA-256";

        Assert.True(DigestChallenge.TryParse(value, out var c, out var error), error);

        Assert.Equal("biloxi.com", c!.Realm);
        Assert.Equal("dcd98b7102dd2f0e8b11d0f600bfb0c093", c.Nonce);
        Assert.Equal("5ccc069c403ebaf9f0171e9517f40e41", c.Opaque);
        Assert.Equal(DigestAlgorithm.Sha256, c.Algorithm);
        Assert.Equal(["auth", "auth-int"], c.Qop);
        Assert.True(c.Stale);
        Assert.Equal(["sip:biloxi.com", "sip:ss1.biloxi.com"], c.Domain);
    }

    [Fact]
    public void NamesAndSchemeAreCaseInsensitiveAndWhitespaceIsTolerated()
    {
        const string value = "  digest   REALM =  \"a\" ,,  Nonce= n1 ,\tQOP=\" Auth , AUTH-INT \" , Algorithm = md5-SESS , STALE=false ";

        Assert.True(DigestChallenge.TryParse(value, out var c, out var error), error);

        Assert.Equal("a", c!.Realm);
        Assert.Equal("n1", c.Nonce);
        Assert.Equal(["auth", "auth-int"], c.Qop);
        Assert.Equal(DigestAlgorithm.Md5Sess, c.Algorithm);
        Assert.False(c.Stale);
        Assert.Null(c.Opaque);
    }

    [Fact]
    public void QuotedStringsKeepEscapedQuotesCommasAndBackslashes()
    {
        const string value = "Digest realm=\"Say \\\"hi\\\", then \\\\ go\", nonce=\"a,b=c\"";

        Assert.True(DigestChallenge.TryParse(value, out var c, out var error), error);

        Assert.Equal("Say \"hi\", then \\ go", c!.Realm);
        Assert.Equal("a,b=c", c.Nonce);
    }

    [Fact]
    public void Rfc3261StyleChallengeWithEmptyOpaqueAndUpperCaseStale()
    {
        // RFC 3261 22.4 / 25 style: opaque present but empty must still be echoed back.
        const string value =
            "Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth\", " +
            "nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5";

        Assert.True(DigestChallenge.TryParse(value, out var c, out var error), error);

        Assert.Equal("", c!.Opaque);
        Assert.False(c.Stale);
        var header = new DigestAuthenticator(() => "c1").Compute(c, new DigestCredentials("bob", "pw"), "INVITE", "sip:bob@biloxi.com", 1).ToHeaderValue();
        Assert.Contains("opaque=\"\"", header);
    }

    [Fact]
    public void UnquotedBase64NonceKeepsItsPadding()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=r, nonce=YWJjZA==, qop=auth", out var c, out var error), error);
        Assert.Equal("YWJjZA==", c!.Nonce);
        Assert.Equal("r", c.Realm);
    }

    [Fact]
    public void MissingAlgorithmMeansMd5AndMissingQopMeansLegacy()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\"", out var c, out _));
        Assert.Equal(DigestAlgorithm.Md5, c!.Algorithm);
        Assert.Null(c.AlgorithmName);
        Assert.Empty(c.Qop);
    }

    [Theory]
    [InlineData("SHA-512-256")]
    [InlineData("SHA-512-256-sess")]
    [InlineData("AKAv1-MD5")]
    public void UnsupportedAlgorithmParsesButIsNotSupported(string algorithm)
    {
        Assert.True(DigestChallenge.TryParse($"Digest realm=\"r\", nonce=\"n\", algorithm={algorithm}", out var c, out var error), error);
        Assert.False(c!.IsSupported);
        Assert.Equal(algorithm, c.AlgorithmName);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("Digest nonce=\"n\"", "no realm")]
    [InlineData("Digest realm=\"r\"", "no nonce")]
    [InlineData("Digest realm=\"r\", nonce=\"n", "unterminated")]
    [InlineData("Digest realm=\"r\" nonce=\"n\"", "expected ','")]
    [InlineData("realm=\"r\", nonce=\"n\"", "before any scheme")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", realm=\"x\"", "twice")]
    [InlineData("Digest realm=\"r\", nonce=, qop=auth", "missing value")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", {x}", "unexpected character")]
    [InlineData("Basic realm=\"r\"", "found 0")]
    [InlineData("Digest realm=\"a\", nonce=\"1\", Digest realm=\"b\", nonce=\"2\"", "found 2")]
    public void BadValuesReturnAReasonAndNeverThrow(string value, string reasonPart)
    {
        Assert.False(DigestChallenge.TryParse(value, out var c, out var error));
        Assert.Null(c);
        Assert.Contains(reasonPart, error);
    }

    [Fact]
    public void NullValueIsRejected()
    {
        Assert.False(DigestChallenge.TryParse(null, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void SeveralChallengesInOneValueAreAllParsedAndOtherSchemesSkipped()
    {
        const string value =
            "Negotiate YWJjZGVm==, Digest realm=\"a\", nonce=\"1\", algorithm=SHA-256, " +
            "Basic realm=\"a\", Digest realm=\"a\", nonce=\"2\"";

        Assert.True(DigestChallenge.TryParseAll(value, out var all, out var error), error);

        Assert.Equal(2, all.Count);
        Assert.Equal(("1", DigestAlgorithm.Sha256), (all[0].Nonce, all[0].Algorithm));
        Assert.Equal(("2", DigestAlgorithm.Md5), (all[1].Nonce, all[1].Algorithm));
    }
}
