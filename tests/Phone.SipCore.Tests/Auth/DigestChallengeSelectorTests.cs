using Phone.SipCore.Auth;

namespace Phone.SipCore.Tests.Auth;

public sealed class DigestChallengeSelectorTests
{
    [Fact]
    public void Sha256WinsOverMd5AcrossHeaders()
    {
        // RFC 8760 2.4: the server lists MD5 first for old clients, SHA-256 for new ones.
        string[] headers =
        [
            "Digest realm=\"r\", nonce=\"md5\", qop=auth, algorithm=MD5",
            "Digest realm=\"r\", nonce=\"sha\", qop=auth, algorithm=SHA-256",
        ];

        Assert.True(DigestChallengeSelector.TrySelect(headers, null, out var chosen, out var reason), reason);
        Assert.Equal("sha", chosen!.Nonce);
    }

    [Fact]
    public void Sha256WinsInsideOneHeaderAndUnsupportedAlgorithmsAreIgnored()
    {
        string[] headers =
        [
            "Digest realm=\"r\", nonce=\"x\", qop=auth, algorithm=SHA-512-256, " +
            "Digest realm=\"r\", nonce=\"m\", qop=auth, " +
            "Digest realm=\"r\", nonce=\"s\", qop=auth, algorithm=SHA-256",
        ];

        Assert.True(DigestChallengeSelector.TrySelect(headers, null, out var chosen, out _));
        Assert.Equal("s", chosen!.Nonce);
    }

    [Fact]
    public void AmongEqualStrengthTheFirstListedWins()
    {
        string[] headers =
        [
            "Digest realm=\"r\", nonce=\"first\", qop=auth, algorithm=SHA-256-sess",
            "Digest realm=\"r\", nonce=\"second\", qop=auth, algorithm=SHA-256",
        ];

        Assert.True(DigestChallengeSelector.TrySelect(headers, null, out var chosen, out _));
        Assert.Equal("first", chosen!.Nonce);
    }

    [Fact]
    public void MalformedHeaderIsSkippedWhenAnotherIsUsable()
    {
        string[] headers = ["Digest realm=\"r\", nonce=\"unterminated", "Digest realm=\"r\", nonce=\"ok\""];

        Assert.True(DigestChallengeSelector.TrySelect(headers, null, out var chosen, out _));
        Assert.Equal("ok", chosen!.Nonce);
    }

    [Fact]
    public void NothingUsableExplainsEachRejection()
    {
        string[] headers =
        [
            "Digest realm=\"r\", nonce=\"1\", algorithm=SHA-512-256",
            "Digest realm=\"r\", nonce=\"2\", qop=auth-conf",
            "Digest realm=\"r\", nonce=\"3\", algorithm=MD5-sess",
            "Digest realm=\"other\", nonce=\"4\"",
            "Basic realm=\"r\"",
        ];

        Assert.False(DigestChallengeSelector.TrySelect(headers, "r", out var chosen, out var reason));

        Assert.Null(chosen);
        Assert.Contains("unsupported algorithm 'SHA-512-256'", reason);
        Assert.Contains("no supported qop", reason);
        Assert.Contains("MD5-sess without qop", reason);
        Assert.Contains("realm 'other'", reason);
        Assert.Contains("no Digest challenge", reason);
    }

    [Fact]
    public void NoHeadersAtAll()
    {
        Assert.False(DigestChallengeSelector.TrySelect([], null, out _, out var reason));
        Assert.Equal("no challenge headers", reason);
    }
}
