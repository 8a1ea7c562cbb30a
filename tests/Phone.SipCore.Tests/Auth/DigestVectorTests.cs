using System.Text;
using Phone.SipCore.Auth;

namespace Phone.SipCore.Tests.Auth;

/// <summary>Known-answer tests: the RFC examples and SIP examples computed independently.</summary>
public sealed class DigestVectorTests
{
    private static DigestChallenge Parse(string value)
    {
        Assert.True(DigestChallenge.TryParse(value, out var challenge, out var error), error);
        return challenge!;
    }

    [Fact]
    public void Rfc2617Section35Example()
    {
        // RFC 2617 3.5, the challenge exactly as printed there (folded onto one line).
        var challenge = Parse("""
            Digest realm="testrealm@host.com", qop="auth,auth-int",
                   nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                   opaque="5ccc069c403ebaf9f0171e9517f40e41"
            """);
        var authenticator = new DigestAuthenticator(() => "0a4f113b");

        var response = authenticator.Compute(
            challenge, new DigestCredentials("Mufasa", "Circle Of Life"), "GET", "/dir/index.html", 1);

        Assert.Equal("6629fae49393a05397450978507c4ef1", response.Response);
        Assert.Equal("auth", response.Qop);
        Assert.Equal("00000001", response.NonceCountText);
        Assert.Equal("5ccc069c403ebaf9f0171e9517f40e41", response.Opaque);
    }

    [Theory]
    // RFC 7616 3.9.1: same inputs, one challenge per algorithm.
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616Section391Examples(string algorithm, string expected)
    {
        var challenge = Parse($"""
            Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm},
              nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
              opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
            """);
        var authenticator = new DigestAuthenticator(() => "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        var response = authenticator.Compute(
            challenge, new DigestCredentials("Mufasa", "Circle of Life"), "GET", "/dir/index.html", 1);

        Assert.Equal(expected, response.Response);
        Assert.Equal(algorithm, response.Algorithm);
        Assert.Equal(
            $"Digest username=\"Mufasa\", realm=\"http-auth@example.org\", " +
            "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", uri=\"/dir/index.html\", " +
            $"response=\"{expected}\", algorithm={algorithm}, " +
            "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", " +
            "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", qop=auth, nc=00000001",
            response.ToHeaderValue());
    }

    // SIP REGISTER examples (RFC 3261 22.4: A2 = REGISTER:Request-URI). Expected values from:
    //   python3 -c 'import hashlib
    //   H=lambda s,a: hashlib.new(a, s.encode()).hexdigest()
    //   a="md5"  # or "sha256"
    //   n="ea9c8e88df84f1cec4341ae6cbe5a359"; c="0a4f113b"
    //   ha1=H("alice:atlanta.example.com:secret123",a); ha2=H("REGISTER:sip:atlanta.example.com",a)
    //   print(H(f"{ha1}:{n}:00000001:{c}:auth:{ha2}",a))       # qop=auth, nc=1
    //   print(H(f"{ha1}:{n}:{ha2}",a))                          # no qop (RFC 2069)
    //   s=H(f"{ha1}:{n}:{c}",a); print(H(f"{s}:{n}:00000002:{c}:auth:{ha2}",a))  # -sess, nc=2
    //   i=H("INVITE:sip:bob@biloxi.example.com:"+H("v=0\r\n",a),a)
    //   print(H(f"{ha1}:{n}:00000001:{c}:auth-int:{i}",a))'    # auth-int, body "v=0\r\n"
    private const string SipNonce = "ea9c8e88df84f1cec4341ae6cbe5a359";
    private static readonly DigestCredentials Alice = new("alice", "secret123");

    [Theory]
    [InlineData("MD5", "15efe2f7577cc527a0c05ddedda8fdc1")]
    [InlineData("SHA-256", "8025b6330858b0bc9a3682a42bd41bed132bc7b64b29663d2261b7199291b937")]
    public void SipRegisterWithQopAuth(string algorithm, string expected)
    {
        var challenge = Parse($"Digest realm=\"atlanta.example.com\", nonce=\"{SipNonce}\", qop=\"auth\", algorithm={algorithm}");
        var response = new DigestAuthenticator(() => "0a4f113b")
            .Compute(challenge, Alice, "REGISTER", "sip:atlanta.example.com", 1);
        Assert.Equal(expected, response.Response);
    }

    [Theory]
    [InlineData("MD5", "8492e06df827577d665b99ab44a6a8ec")]
    [InlineData("SHA-256", "92ccbbf57ebf4331b790485fbcc767f41dfbb7b0fb88ccd01d377e391d736994")]
    public void SipRegisterWithoutQopUsesRfc2069Form(string algorithm, string expected)
    {
        var challenge = Parse($"Digest realm=\"atlanta.example.com\", nonce=\"{SipNonce}\", algorithm={algorithm}");
        var cnonceCalls = 0;
        var response = new DigestAuthenticator(() => { cnonceCalls++; return "0a4f113b"; })
            .Compute(challenge, Alice, "REGISTER", "sip:atlanta.example.com", 1);

        Assert.Equal(expected, response.Response);
        // RFC 2617 3.2.2: without qop there is no cnonce and no nc on the wire.
        Assert.Equal(0, cnonceCalls);
        var header = response.ToHeaderValue();
        Assert.DoesNotContain("cnonce", header);
        Assert.DoesNotContain("nc=", header);
        Assert.DoesNotContain("qop", header);
    }

    [Theory]
    [InlineData("MD5-sess", "0c6c0ce98063b36e62b86dc56baee428")]
    [InlineData("SHA-256-sess", "12de7d8c36dc21509f7622d020ff45372c6ab39c6ff04f184db71638657e0b20")]
    public void SessVariantsHashNonceAndCnonceIntoHa1(string algorithm, string expected)
    {
        var challenge = Parse($"Digest realm=\"atlanta.example.com\", nonce=\"{SipNonce}\", qop=auth, algorithm={algorithm}");
        var response = new DigestAuthenticator(() => "0a4f113b")
            .Compute(challenge, Alice, "REGISTER", "sip:atlanta.example.com", 2);
        Assert.Equal(expected, response.Response);
        Assert.Equal("00000002", response.NonceCountText);
        Assert.Contains($"algorithm={algorithm}", response.ToHeaderValue());
    }

    [Theory]
    [InlineData("MD5", "66322eaccfe32e06cffab94a75c4d46d")]
    [InlineData("SHA-256", "94ea6a4eaa3fe97d555a719f2460cd0476e9ebba95b11718d76e65a6c5c7c931")]
    public void AuthIntIsUsedOnlyWhenAuthIsNotOffered(string algorithm, string expected)
    {
        var challenge = Parse($"Digest realm=\"atlanta.example.com\", nonce=\"{SipNonce}\", qop=\"auth-int\", algorithm={algorithm}");
        var response = new DigestAuthenticator(() => "0a4f113b")
            .Compute(challenge, Alice, "INVITE", "sip:bob@biloxi.example.com", 1, Encoding.ASCII.GetBytes("v=0\r\n"));
        Assert.Equal("auth-int", response.Qop);
        Assert.Equal(expected, response.Response);
    }

    [Fact]
    public void UsernameWithQuoteIsEscapedAndCrLfIsRefused()
    {
        var challenge = Parse($"Digest realm=\"r\", nonce=\"{SipNonce}\", qop=auth");
        var authenticator = new DigestAuthenticator(() => "c");
        var header = authenticator.Compute(challenge, new DigestCredentials("a\"b\\c", "p"), "REGISTER", "sip:r", 1)
            .ToHeaderValue();
        Assert.StartsWith("Digest username=\"a\\\"b\\\\c\"", header);

        var injected = authenticator.Compute(challenge, new DigestCredentials("a\r\nVia: x", "p"), "REGISTER", "sip:r", 1);
        Assert.Throws<ArgumentException>(() => injected.ToHeaderValue());
    }

    [Fact]
    public void DefaultCnonceIsRandomHex()
    {
        var challenge = Parse($"Digest realm=\"r\", nonce=\"{SipNonce}\", qop=auth");
        var authenticator = new DigestAuthenticator();
        var first = authenticator.Compute(challenge, Alice, "REGISTER", "sip:r", 1).Cnonce;
        var second = authenticator.Compute(challenge, Alice, "REGISTER", "sip:r", 1).Cnonce;
        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void PasswordNeverAppearsInToString()
    {
        Assert.DoesNotContain("secret123", Alice.ToString());
    }
}
